import type { ProcessIdentity } from "../core/process-identity";
import type { GitHubRunRef, LeaseHolder } from "./holder";

/**
 * A lease as stored: one JSON object. Our fields are below; every other field (the operation's
 * own, e.g. network or a canary's deployed ref, or another tool's) is kept as it is.
 *
 *   { "holder": "github run 123 attempt 1 on runner-3",
 *     "holder_process": { "host": "runner-3", "pid": 4242, "boot_id": "…", "start_time": "…" },
 *     "holder_github_run": { "repository": "org/repo", "run_id": 123, "run_attempt": 1 },
 *     "run_url": "https://github.com/org/repo/actions/runs/123",
 *     "acquired_at": "…Z", "expires_at": "…Z", "released_at": "…Z" (once released) }
 *
 * Older shapes read as well: publish-shots' (the same, without holder_*), export-snapshot's
 * (`released: true`) and canary's (`state`, `owner`, `since`, `expiresAt`, `updatedAt`).
 * A release also moves expires_at to the release time, so older readers see it free too.
 */
export interface LeaseRecord {
  holder: LeaseHolder;
  /** When the current holder took it (kept across renewals). */
  acquiredAt: string;
  expiresAt: string;
  /** Set once released: free from then on. */
  releasedAt?: string;
  /** The whole stored document, our fields included. */
  document: Record<string, unknown>;
}

/** Free at `now`: released, expired, or never properly held. */
export function isLeaseFree(record: LeaseRecord | null | undefined, now: number): boolean {
  if (!record || record.releasedAt !== undefined) return true;
  const expires = Date.parse(record.expiresAt);
  return !(expires > now);
}

/** Fields this module owns (current and older shapes); everything else in a document is kept. */
const LEASE_FIELDS = ["holder", "holder_process", "holder_github_run", "run_url", "acquired_at", "expires_at", "released_at", "released", "state", "owner", "since", "expiresAt"];

/** Reads any shape of lease document; null when it is not a lease at all. */
export function parseLeaseDocument(value: unknown): LeaseRecord | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const doc = value as Record<string, unknown>;
  if (typeof doc.holder === "string") {
    const released = typeof doc.released_at === "string" ? doc.released_at : doc.released === true ? String(doc.expires_at ?? "") : undefined;
    return {
      holder: {
        name: doc.holder,
        ...processOf(doc.holder_process, doc.holder),
        ...githubRunOf(doc.holder_github_run),
        ...(typeof doc.run_url === "string" ? { url: doc.run_url } : {}),
      },
      acquiredAt: String(doc.acquired_at ?? ""),
      expiresAt: String(doc.expires_at ?? ""),
      ...(released !== undefined ? { releasedAt: released } : {}),
      document: doc,
    };
  }
  if (doc.state === "busy" || doc.state === "free") {
    // canary's shape: a free lease has no owner.
    const owner = typeof doc.owner === "string" ? doc.owner : "";
    return {
      holder: { name: owner },
      acquiredAt: String(doc.since ?? ""),
      expiresAt: String(doc.expiresAt ?? ""),
      ...(doc.state === "free" || !owner ? { releasedAt: String(doc.updatedAt ?? "") } : {}),
      document: doc,
    };
  }
  return null;
}

/** The document without the lease's own fields: the operation's (and other tools') fields. */
export function otherFields(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([name]) => !LEASE_FIELDS.includes(name)));
}

/** The document to store: the previous one's other fields, then `fields`, then the lease's own. */
export function leaseDocument(
  previous: Record<string, unknown> | undefined,
  fields: Record<string, unknown> | undefined,
  lease: { holder: LeaseHolder; acquiredAt: string; expiresAt: string; releasedAt?: string },
): Record<string, unknown> {
  const kept = otherFields(previous ?? {});
  const { holder } = lease;
  const process = holder.process;
  const run = holder.githubRun;
  return {
    ...kept,
    ...fields,
    holder: holder.name,
    ...(process
      ? { holder_process: { host: process.host, pid: process.pid, ...(process.bootId ? { boot_id: process.bootId } : {}), ...(process.startTime ? { start_time: process.startTime } : {}) } }
      : {}),
    ...(run ? { holder_github_run: { repository: run.repository, run_id: run.runId, run_attempt: run.attempt } } : {}),
    ...(holder.url ? { run_url: holder.url } : {}),
    acquired_at: lease.acquiredAt,
    expires_at: lease.expiresAt,
    ...(lease.releasedAt !== undefined ? { released_at: lease.releasedAt } : {}),
  };
}

function processOf(value: unknown, name: string): { process?: ProcessIdentity } {
  if (value && typeof value === "object") {
    const p = value as Record<string, unknown>;
    if (typeof p.host === "string" && typeof p.pid === "number") {
      return {
        process: {
          host: p.host,
          pid: p.pid,
          ...(typeof p.boot_id === "string" ? { bootId: p.boot_id } : {}),
          ...(typeof p.start_time === "string" ? { startTime: p.start_time } : {}),
        },
      };
    }
  }
  // Older leases of the CLI named the process as "<host> pid <pid>".
  const legacy = /^(\S+) pid (\d+)$/.exec(name);
  return legacy ? { process: { host: legacy[1]!, pid: Number(legacy[2]) } } : {};
}

function githubRunOf(value: unknown): { githubRun?: GitHubRunRef } {
  if (!value || typeof value !== "object") return {};
  const r = value as Record<string, unknown>;
  if (typeof r.repository !== "string" || typeof r.run_id !== "number" || typeof r.run_attempt !== "number") return {};
  return { githubRun: { repository: r.repository, runId: r.run_id, attempt: r.run_attempt } };
}

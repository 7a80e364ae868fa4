import type { Clock } from "@chainops/shared";
import * as shared from "@chainops/shared/lease";
import { joinKey, type ObjectStore } from "@chainops/shared/storage";

/**
 * A canary's lease, as status, replies and outputs show it. Stored as the shared lease (one
 * document per release, compare-and-swap, unknown fields kept); the holder is a person.
 */
export interface LeaseDocument {
  release: string;
  state: "busy" | "free";
  owner?: string;
  /** ISO time the current owner took the canary. */
  since?: string;
  expiresAt?: string;
  /** What is deployed now (kept after release, so status shows it). */
  ref?: string;
  imageTag?: string;
  pr?: number;
  prUrl?: string;
  lastCommand?: string;
  helmRevision?: number;
  updatedAt: string;
  [extra: string]: unknown;
}

export interface LeaseStore {
  store: ObjectStore;
  /** Folder of the lease documents in the store (default "canary-leases"). */
  prefix: string;
  clock: Clock;
}

export type AcquireOutcome = "acquired" | "renewed" | "took-expired" | "forced";

export const DEFAULT_LEASE_PREFIX = "canary-leases";
export const DEFAULT_LEASE_TTL_MS = 24 * 60 * 60 * 1000;

export function leaseKey(leases: LeaseStore, release: string): string {
  return joinKey(leases.prefix, `${release}.json`);
}

/** Busy and not yet expired at `now`. */
export function isLeaseActive(lease: LeaseDocument | undefined, now: number): lease is LeaseDocument & { owner: string } {
  return lease?.state === "busy" && typeof lease.owner === "string" && Date.parse(lease.expiresAt ?? "") > now;
}

/** The shared lease's settings for a release and a person. */
function leaseOf(leases: LeaseStore, request: { release: string; owner: string }) {
  return {
    store: leases.store,
    key: leaseKey(leases, request.release),
    subject: `Canary ${request.release}`,
    holder: { name: request.owner },
    clock: leases.clock,
    busyHint: `Ask its owner to release it (/lotusbot release ${request.release}), wait for the lease to expire, or pick a free canary (/lotusbot status). Admins may add --force.`,
  };
}

function view(record: shared.LeaseRecord, release: string): LeaseDocument {
  // Everything but the lease's own fields is the canary's: ref, imageTag, pr, …
  const details = shared.otherFields(record.document);
  const busy = record.releasedAt === undefined;
  return {
    ...details,
    release,
    state: busy ? "busy" : "free",
    ...(busy ? { owner: record.holder.name, since: record.acquiredAt, expiresAt: record.expiresAt } : {}),
    updatedAt: String(details.updatedAt ?? ""),
  };
}

/**
 * Takes (or renews) the lease on a release for owner. Refuses with BusyError when someone
 * else holds an unexpired lease, unless force is set. `held` records the deployment later.
 */
export async function acquireLease(
  leases: LeaseStore,
  request: { release: string; owner: string; ttlMs: number; force?: boolean; details?: Partial<LeaseDocument> },
): Promise<{ lease: LeaseDocument; outcome: AcquireOutcome; previousOwner?: string; held: shared.Lease }> {
  const held = await shared.acquireLease({
    ...leaseOf(leases, request),
    ttlMs: request.ttlMs,
    fields: { ...request.details, release: request.release, updatedAt: new Date(leases.clock.now()).toISOString() },
    force: request.force,
  });
  const previous = held.previous && !shared.isLeaseFree(held.previous, leases.clock.now()) ? held.previous.holder.name : undefined;
  // A person is never "provably gone", so took-over cannot happen here.
  const outcome = held.outcome === "took-over" ? "took-expired" : held.outcome;
  return { lease: view(held.record, request.release), outcome, ...(previous ? { previousOwner: previous } : {}), held };
}

/**
 * Frees a release. Only the owner (or force) may release an active lease; releasing a free or
 * expired lease is a no-op that still succeeds.
 */
export async function releaseLease(
  leases: LeaseStore,
  request: { release: string; owner: string; force?: boolean },
): Promise<{ lease: LeaseDocument | undefined; wasHeldBy?: string }> {
  const { record, wasHeldBy } = await shared.releaseLease({
    ...leaseOf(leases, request),
    force: request.force,
    fields: { updatedAt: new Date(leases.clock.now()).toISOString() },
  });
  return { lease: record ? view(record, request.release) : undefined, ...(wasHeldBy ? { wasHeldBy: wasHeldBy.name } : {}) };
}

/** Records what was just deployed on a release the caller holds. */
export async function recordDeployment(held: shared.Lease, release: string, details: Partial<LeaseDocument>, clock: Clock): Promise<LeaseDocument> {
  await held.update({ ...details, release, updatedAt: new Date(clock.now()).toISOString() });
  return view(held.record, release);
}

/** Refuses when someone holds the release (an owner-less command may only touch a free canary). */
export async function requireFree(leases: LeaseStore, release: string): Promise<void> {
  const key = leaseKey(leases, release);
  const record = await shared.readLease(leases.store, key);
  if (record && !shared.isLeaseFree(record, leases.clock.now())) {
    throw new shared.LeaseBusyError(record, `${leases.store.url}/${key}`, `Canary ${release}`, "Pass the lease owner (Owner) or wait until the canary is free.");
  }
}

/** Every lease document under the prefix, sorted by release. */
export async function listLeases(leases: LeaseStore): Promise<LeaseDocument[]> {
  const out: LeaseDocument[] = [];
  const prefix = `${leases.prefix.replace(/\/+$/, "")}/`;
  for await (const info of leases.store.list(prefix)) {
    if (!info.key.endsWith(".json")) continue;
    const record = await shared.readLease(leases.store, info.key);
    const release = record?.document.release;
    if (record && typeof release === "string") out.push(view(record, release));
  }
  return out.sort((a, b) => a.release.localeCompare(b.release));
}

/** Reads one release's lease (undefined when none was ever written). */
export async function readLease(leases: LeaseStore, release: string): Promise<LeaseDocument | undefined> {
  const record = await shared.readLease(leases.store, leaseKey(leases, release));
  return record ? view(record, release) : undefined;
}

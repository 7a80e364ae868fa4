import { BusyError, type Clock } from "@chainops/shared";
import { joinKey, readJson, updateJson, type ObjectStore } from "@chainops/shared/storage";

/**
 * One JSON document per release in the ObjectStore, updated by compare-and-swap: two people
 * acquiring at once → exactly one wins, the other sees the winner and gets BusyError.
 * Unknown fields written by other tools are kept.
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

const sameOwner = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Busy and not yet expired at `now`. */
export function isLeaseActive(lease: LeaseDocument | undefined, now: number): lease is LeaseDocument & { owner: string } {
  return lease?.state === "busy" && typeof lease.owner === "string" && Date.parse(lease.expiresAt ?? "") > now;
}

function busyError(lease: LeaseDocument, release: string): BusyError {
  return new BusyError(`Canary ${release} is leased by ${lease.owner} until ${lease.expiresAt}`, {
    hint: `Ask ${lease.owner} to release it (/lotusbot release ${release}), wait for the lease to expire, or pick a free canary (/lotusbot status). Admins may add --force.`,
  });
}

/**
 * Takes (or renews) the lease on a release for owner. Refuses with BusyError when someone
 * else holds an unexpired lease, unless force is set.
 */
export async function acquireLease(
  leases: LeaseStore,
  request: { release: string; owner: string; ttlMs: number; force?: boolean; details?: Partial<LeaseDocument> },
): Promise<{ lease: LeaseDocument; outcome: AcquireOutcome; previousOwner?: string }> {
  let outcome: AcquireOutcome = "acquired";
  let previousOwner: string | undefined;
  const { value } = await updateJson<LeaseDocument>(leases.store, leaseKey(leases, request.release), (current) => {
    const now = leases.clock.now();
    const active = isLeaseActive(current, now);
    previousOwner = active ? current.owner : undefined;
    if (active && !sameOwner(current.owner, request.owner)) {
      if (!request.force) throw busyError(current, request.release);
      outcome = "forced";
    } else if (active) {
      outcome = "renewed";
    } else {
      outcome = current?.state === "busy" ? "took-expired" : "acquired";
    }
    const keepSince = outcome === "renewed" && current?.since;
    return {
      ...current,
      ...request.details,
      release: request.release,
      state: "busy",
      owner: outcome === "renewed" ? current!.owner : request.owner,
      since: keepSince ? current!.since : new Date(now).toISOString(),
      expiresAt: new Date(now + request.ttlMs).toISOString(),
      updatedAt: new Date(now).toISOString(),
    };
  });
  return { lease: value!, outcome, previousOwner };
}

/**
 * Frees a release. Only the owner (or force) may release an active lease; releasing a free or
 * expired lease is a no-op that still succeeds.
 */
export async function releaseLease(
  leases: LeaseStore,
  request: { release: string; owner: string; force?: boolean },
): Promise<{ lease: LeaseDocument | undefined; wasHeldBy?: string }> {
  let wasHeldBy: string | undefined;
  const { value } = await updateJson<LeaseDocument>(leases.store, leaseKey(leases, request.release), (current) => {
    const now = leases.clock.now();
    if (!current || !isLeaseActive(current, now)) {
      wasHeldBy = undefined;
      if (!current || current.state === "free") return undefined;
      return { ...current, state: "free", owner: undefined, expiresAt: undefined, since: undefined, updatedAt: new Date(now).toISOString() };
    }
    if (!sameOwner(current.owner, request.owner) && !request.force) throw busyError(current, request.release);
    wasHeldBy = current.owner;
    return { ...current, state: "free", owner: undefined, expiresAt: undefined, since: undefined, updatedAt: new Date(now).toISOString() };
  });
  return { lease: value, wasHeldBy };
}

/** Records what was just deployed on a release the caller holds. */
export async function recordDeployment(leases: LeaseStore, release: string, details: Partial<LeaseDocument>): Promise<LeaseDocument | undefined> {
  const { value } = await updateJson<LeaseDocument>(leases.store, leaseKey(leases, release), (current) =>
    current ? { ...current, ...details, release, updatedAt: new Date(leases.clock.now()).toISOString() } : undefined,
  );
  return value;
}

/** Every lease document under the prefix, sorted by release. */
export async function listLeases(leases: LeaseStore): Promise<LeaseDocument[]> {
  const out: LeaseDocument[] = [];
  const prefix = `${leases.prefix.replace(/\/+$/, "")}/`;
  for await (const info of leases.store.list(prefix)) {
    if (!info.key.endsWith(".json")) continue;
    const doc = await readJson<LeaseDocument>(leases.store, info.key);
    if (doc && typeof doc.value === "object" && doc.value && typeof doc.value.release === "string") out.push(doc.value);
  }
  return out.sort((a, b) => a.release.localeCompare(b.release));
}

/** Reads one release's lease (undefined when none was ever written). */
export async function readLease(leases: LeaseStore, release: string): Promise<LeaseDocument | undefined> {
  return (await readJson<LeaseDocument>(leases.store, leaseKey(leases, release)))?.value;
}

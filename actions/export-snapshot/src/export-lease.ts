import { ConflictError, type Clock, type Logger } from "@chainops/shared";
import { joinKey, readJson, type ObjectStore } from "@chainops/shared/storage";

/** The lease document: who exports this network's windows right now, and until when. */
export interface LeaseDocument {
  holder: string;
  network: string;
  acquired_at: string;
  expires_at: string;
  released?: boolean;
}

export interface Lease {
  /** Extends the lease; false if it was lost (expired and taken by another run). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export function leaseKey(prefix: string, network: string): string {
  return joinKey(prefix, ".locks", `export-snapshot-${network}.json`);
}

/**
 * Takes the per-network export lease by compare-and-swap, or returns the current holder when
 * someone else has it and it has not expired. A crashed run's lease simply runs out after ttlMs.
 */
export async function acquireLease(
  store: ObjectStore,
  options: { prefix: string; network: string; holder: string; ttlMs: number; clock: Clock; logger: Logger },
): Promise<{ lease: Lease } | { heldBy: LeaseDocument }> {
  const key = leaseKey(options.prefix, options.network);
  // acquired_at stays the first acquisition (a busy run reports "exporting since …"); renewals move expires_at.
  const acquiredAt = new Date(options.clock.now()).toISOString();
  const body = (): LeaseDocument => ({
    holder: options.holder,
    network: options.network,
    acquired_at: acquiredAt,
    expires_at: new Date(options.clock.now() + options.ttlMs).toISOString(),
  });
  const current = await readJson<LeaseDocument>(store, key);
  const doc = current?.value;
  if (doc && !doc.released && doc.holder !== options.holder && Date.parse(doc.expires_at) > options.clock.now()) return { heldBy: doc };
  if (doc && !doc.released && Date.parse(doc.expires_at) <= options.clock.now()) {
    options.logger.warning(`The export lease of ${doc.holder} expired at ${doc.expires_at} (a run that died?); taking it over.`);
  }
  let version: string;
  try {
    version = (await store.putIfMatch(key, JSON.stringify(body()), current?.version ?? null, { contentType: "application/json", cacheControl: "no-store" })).version;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const winner = await readJson<LeaseDocument>(store, key);
    return { heldBy: winner?.value ?? { holder: "another run", network: options.network, acquired_at: "", expires_at: "" } };
  }
  const write = async (doc: LeaseDocument): Promise<boolean> => {
    try {
      version = (await store.putIfMatch(key, JSON.stringify(doc), version, { contentType: "application/json", cacheControl: "no-store" })).version;
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  };
  return {
    lease: {
      renew: () => write(body()),
      release: async () => {
        const now = new Date(options.clock.now()).toISOString();
        if (!(await write({ ...body(), expires_at: now, released: true }))) options.logger.warning(`The export lease ${key} was taken over before release.`);
      },
    },
  };
}

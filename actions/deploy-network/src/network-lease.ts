import { acquireLease, processHolder } from "@chainops/shared/lease";
import type { RunDeps } from "./deps";

/** One run at a time changes a network: `deploy-network/<network>/lease.json` in the bucket. */
export const networkLeaseKey = (network: string) => `deploy-network/${network}/lease.json`;

/**
 * Runs fn holding the network's lease (the shared lease of @chainops/shared). A live holder
 * stops this run before anything is read or applied, saying who holds it and since when; fn
 * gets deps whose renewLease renews it before each long phase; it is released at the end.
 */
export async function withNetworkLease<T>(network: string, command: string, ttlMs: number, deps: RunDeps, fn: (deps: RunDeps) => Promise<T>): Promise<T> {
  const lease = await acquireLease({
    store: deps.store,
    key: networkLeaseKey(network),
    subject: `The ${network} network lease`,
    holder: deps.holder ?? processHolder(deps.runId ?? "deploy-network"),
    ttlMs,
    clock: deps.clock,
    logger: deps.logger,
    fields: { network, command },
    busyHint: "Nothing was changed. Wait for that run to finish (the workflow's concurrency group queues dispatches for one network), then run again.",
    checkRun: deps.checkRun,
  });
  try {
    return await fn({ ...deps, renewLease: () => lease.renew().then(() => undefined) });
  } finally {
    await lease.release();
  }
}

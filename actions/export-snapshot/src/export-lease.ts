import type { Clock, Logger } from "@chainops/shared";
import { acquireLease, LeaseBusyError, processHolder, type GitHubRunCheck, type Lease, type LeaseHolder } from "@chainops/shared/lease";
import { joinKey, type ObjectStore } from "@chainops/shared/storage";

/** Where users' buckets have the per-network export lease. */
export function leaseKey(prefix: string, network: string): string {
  return joinKey(prefix, ".locks", `export-snapshot-${network}.json`);
}

/**
 * Takes the per-network export lease (the shared lease), or returns why another run has it:
 * who, since when, until when and what to do.
 */
export async function acquireExportLease(
  store: ObjectStore,
  options: { prefix: string; network: string; runId: string; holder?: LeaseHolder; checkRun?: GitHubRunCheck; ttlMs: number; clock: Clock; logger: Logger },
): Promise<{ lease: Lease } | { busy: LeaseBusyError }> {
  try {
    const lease = await acquireLease({
      store,
      key: leaseKey(options.prefix, options.network),
      subject: `The ${options.network} export lease`,
      holder: options.holder ?? processHolder(options.runId),
      ttlMs: options.ttlMs,
      clock: options.clock,
      logger: options.logger,
      fields: { network: options.network },
      busyHint: "This run exports nothing and leaves the windows to that run; the next scheduled run checks again.",
      checkRun: options.checkRun,
    });
    return { lease };
  } catch (error) {
    if (error instanceof LeaseBusyError) return { busy: error };
    throw error;
  }
}

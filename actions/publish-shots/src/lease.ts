import { NotReadyError, type Clock, type Logger } from "@chainops/shared";
import { acquireLease, LeaseBusyError, processHolder, type GitHubRunCheck, type Lease, type LeaseHolder } from "@chainops/shared/lease";
import { joinKey, type ObjectStore } from "@chainops/shared/storage";
import type { HistoryMode } from "./artifact-names";

/** One publisher per network+mode: `<network>/leases/<mode>.json` (where users' buckets have it). */
export function leaseKey(network: string, mode: HistoryMode): string {
  return joinKey(network, "leases", `${mode}.json`);
}

/**
 * Takes the publish lease of network+mode (the shared lease); a live holder makes this run a
 * clean not-ready exit that says who holds it, since and until when.
 */
export async function acquirePublishLease(args: {
  store: ObjectStore;
  network: string;
  mode: HistoryMode;
  ttlMs: number;
  clock: Clock;
  logger: Logger;
  runId: string;
  runUrl?: string;
  holder?: LeaseHolder;
  checkRun?: GitHubRunCheck;
}): Promise<Lease> {
  const holder = args.holder ?? { ...processHolder(args.runId), ...(args.runUrl ? { url: args.runUrl } : {}) };
  try {
    return await acquireLease({
      store: args.store,
      key: leaseKey(args.network, args.mode),
      subject: `The ${args.network} ${args.mode} publish lease`,
      holder,
      ttlMs: args.ttlMs,
      clock: args.clock,
      logger: args.logger,
      fields: { network: args.network, history_mode: args.mode },
      busyHint: "Nothing was changed; the next scheduled run tries again.",
      checkRun: args.checkRun,
    });
  } catch (error) {
    if (error instanceof LeaseBusyError) throw new NotReadyError(error.message, { hint: error.hint, cause: error });
    throw error;
  }
}

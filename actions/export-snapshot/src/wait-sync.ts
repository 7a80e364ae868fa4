import { describeError, type Clock, type Logger } from "@chainops/shared";
import { chainTimeOf, expectedHeight, SyncStage, type LotusClient, type SyncState } from "@chainops/shared/chains/lotus";

export interface SyncOutcome {
  synced: boolean;
  head: number;
  expected: number;
  behind: number;
  message: string;
}

const WORKING_STAGES: ReadonlySet<number> = new Set([SyncStage.Headers, SyncStage.PersistHeaders, SyncStage.Messages, SyncStage.FetchingMessages]);

/** Highest target a sync worker is still fetching towards, if any is more than tolerance ahead of head. */
export function catchingUpTo(state: SyncState, head: number, tolerance: number): number | undefined {
  const targets = (state.ActiveSyncs ?? [])
    .filter((s) => WORKING_STAGES.has(s.Stage) && (s.Target?.Height ?? 0) > head + tolerance)
    .map((s) => s.Target!.Height);
  return targets.length ? Math.max(...targets) : undefined;
}

/**
 * Polls until SyncState is idle and head is within `tolerance` epochs of where the clock says it
 * should be (genesis + epoch × block delay). Logs height, lag, catch-up rate and ETA at each poll;
 * after timeoutMs it returns synced=false (a clean not-ready, not a failure).
 */
export async function waitForSync(
  lotus: LotusClient,
  options: { clock: Clock; logger: Logger; timeoutMs: number; tolerance: number; pollIntervalMs: number; signal?: AbortSignal },
): Promise<SyncOutcome> {
  const { clock, logger } = options;
  const time = chainTimeOf(await lotus.stateGetNetworkParams());
  const started = clock.now();
  let previous: { at: number; head: number } | undefined;
  let lastError: unknown;
  for (;;) {
    let head: number | undefined;
    let state: SyncState | undefined;
    try {
      head = (await lotus.chainHead()).Height;
      state = await lotus.syncState();
      lastError = undefined;
    } catch (error) {
      // A daemon that is restarting answers nothing for a while; keep polling until the deadline.
      lastError = error;
      logger.warning(`Waiting for Lotus: ${describeError(error)}`);
    }
    const now = clock.now();
    const expected = expectedHeight(time, now);
    if (head !== undefined && state) {
      const behind = Math.max(0, expected - head);
      const target = catchingUpTo(state, head, options.tolerance);
      if (behind <= options.tolerance && target === undefined) {
        const message = `Lotus is in sync: head ${head}, expected ${expected} (behind ${behind}).`;
        logger.info(message);
        return { synced: true, head, expected, behind, message };
      }
      logger.info(progressLine(head, expected, behind, target, previous, now, time.blockDelaySecs));
      previous = { at: now, head };
    }
    if (now - started >= options.timeoutMs) {
      if (lastError !== undefined) throw lastError;
      const behind = Math.max(0, expected - (head ?? 0));
      const message = `Lotus is not in sync after ${Math.round((now - started) / 60_000)} min: head ${head}, expected ${expected}, ${behind} epochs behind. A later run continues.`;
      logger.notice(message);
      return { synced: false, head: head ?? 0, expected, behind, message };
    }
    await clock.sleep(options.pollIntervalMs, options.signal);
  }
}

function progressLine(head: number, expected: number, behind: number, target: number | undefined, previous: { at: number; head: number } | undefined, now: number, blockDelaySecs: number): string {
  const parts = [`height ${head}`, `expected ${expected}`, `behind ${behind} epochs (${Math.round((behind * blockDelaySecs) / 60)} min)`];
  if (target !== undefined) parts.push(`syncing towards ${target}`);
  if (previous && now > previous.at) {
    const perMinute = ((head - previous.head) / (now - previous.at)) * 60_000;
    // The chain itself moves one epoch per block delay: only the surplus closes the gap.
    const gainPerMinute = perMinute - 60 / blockDelaySecs;
    parts.push(`rate ${perMinute.toFixed(1)} epochs/min`);
    parts.push(gainPerMinute > 0 ? `ETA ${Math.ceil(behind / gainPerMinute)} min` : "ETA unknown (not gaining)");
  }
  return parts.join(", ");
}

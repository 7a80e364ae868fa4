import { NotFoundError, NotReadyError, UpstreamError, type Clock, type Logger } from "@chainops/shared";
import type { BlockHeader, OctezRpc } from "@chainops/shared/chains/octez";
import type { HistoryMode } from "./artifact-names";

/** Blocks a block needs on top of it to be final under Tenderbake. */
export const FINALITY_DEPTH = 2;

export interface TargetBlock {
  hash: string;
  level: number;
  /** The target block's own timestamp (not head's). */
  timestamp: string;
}

/** rolling → head~2 (already final); archive → head (checked for finality after the artifact is made). */
export function targetBlockId(mode: HistoryMode): "head" | `head~${number}` {
  return mode === "rolling" ? `head~${FINALITY_DEPTH}` : "head";
}

/** Reads level, hash and timestamp from the target block's own header. */
export async function readTargetBlock(rpc: OctezRpc, mode: HistoryMode): Promise<TargetBlock> {
  const header: BlockHeader = await rpc.header(targetBlockId(mode));
  return { hash: header.hash, level: header.level, timestamp: header.timestamp };
}

/**
 * Archive finality: the live node's head is at least level + 2 and the block at `level` still has
 * the target's hash. Waits (on the injected clock) up to `waitMs` for the head to move on, also
 * while the node does not answer (a node just started again by stop-node); a changed hash (reorg)
 * or a head that does not move in time is NotReadyError.
 */
export async function waitForFinality(args: { rpc: OctezRpc; target: TargetBlock; clock: Clock; logger: Logger; waitMs: number; pollMs: number }): Promise<void> {
  const { rpc, target, clock, logger } = args;
  const deadline = clock.now() + args.waitMs;
  for (;;) {
    let head: BlockHeader;
    try {
      head = await rpc.header("head");
    } catch (error) {
      if (!(error instanceof UpstreamError && error.retryable) || clock.now() >= deadline) throw error;
      logger.info(`Waiting for ${rpc.url} to answer, to check block ${target.level} is final`);
      await clock.sleep(args.pollMs);
      continue;
    }
    if (head.level >= target.level + FINALITY_DEPTH) {
      let atLevel: BlockHeader;
      try {
        atLevel = await rpc.header(target.level);
      } catch (error) {
        if (error instanceof NotFoundError) throw new NotReadyError(`Block ${target.level} is gone from ${rpc.url}; the chain reorganised`, { cause: error });
        throw error;
      }
      if (atLevel.hash !== target.hash) {
        throw new NotReadyError(`Block ${target.level} is now ${atLevel.hash}, not ${target.hash}: the target was reorganised away`, {
          hint: "Nothing was published for it; the next scheduled run takes a new target block.",
        });
      }
      logger.info(`Block ${target.level} (${target.hash}) is final: head is at ${head.level}`);
      return;
    }
    if (clock.now() >= deadline) {
      throw new NotReadyError(`Block ${target.level} is not final yet: head is at ${head.level}, needs ${target.level + FINALITY_DEPTH}`, {
        hint: "The node is not following the chain (stuck or unsynced?); nothing was published. Check the node, then rerun.",
      });
    }
    logger.info(`Waiting for block ${target.level} to be final (head ${head.level}, need ${target.level + FINALITY_DEPTH})`);
    await clock.sleep(args.pollMs);
  }
}

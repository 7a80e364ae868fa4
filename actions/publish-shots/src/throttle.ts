import { artifactTypeOf, type ArtifactKind, type HistoryMode } from "./artifact-names";
import type { BaseEntry } from "./indexes";

export interface ThrottleDecision {
  kind: ArtifactKind;
  due: boolean;
  /** Newest published block timestamp of this network/mode/type, if any. */
  newest?: string;
  /** When it becomes due (ms), for "not due until …". */
  dueAt: number;
}

/**
 * An artifact type is due when its newest published block is at least `minIntervalMs` old.
 * Reads what was published (base.json), not when a run last started, so a failed run does not
 * push the next one back.
 */
export function decideDue(args: {
  entries: BaseEntry[];
  network: string;
  mode: HistoryMode;
  kinds: readonly ArtifactKind[];
  minIntervalMs: number;
  now: number;
}): ThrottleDecision[] {
  return args.kinds.map((kind) => {
    const type = artifactTypeOf(kind);
    const times = args.entries
      .filter((entry) => entry.chain_name === args.network && entry.history_mode === args.mode && entry.artifact_type === type)
      .map((entry) => ({ text: entry.block_timestamp, ms: Date.parse(entry.block_timestamp) }))
      .filter((t) => !Number.isNaN(t.ms))
      .sort((a, b) => b.ms - a.ms);
    const newest = times[0];
    if (!newest) return { kind, due: true, dueAt: args.now };
    const dueAt = newest.ms + args.minIntervalMs;
    return { kind, due: args.now >= dueAt, newest: newest.text, dueAt };
  });
}

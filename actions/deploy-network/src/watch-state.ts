/** What watch remembers between runs (in the bucket): per node its last layer and problem, per kind the alerts sent. */
export interface WatchState {
  nodes: Record<string, { topLayer?: number; sameLayerChecks: number; restarts: number; problem?: Problem }>;
  /** Alert kind → when each alert of the last hour was sent (ms). */
  alerts: Record<string, number[]>;
}

export type Problem = "unreachable" | "crash-looping" | "stuck" | "not-synced";

export interface Observation {
  node: string;
  reachable: boolean;
  synced: boolean;
  topLayer?: number;
  verifiedLayer?: number;
  connectedPeers?: number;
  restarts: number;
  error?: string;
}

export interface WatchEvent {
  node: string;
  kind: Problem | "recovered";
  /** The problem a recovery ends. */
  was?: Problem;
  message: string;
  /** Over the per-kind limit: recorded, not posted. */
  suppressed: boolean;
}

export const ALERTS_PER_HOUR = 4;
const HOUR = 3_600_000;

/**
 * The next state and the events to announce: an alert when a node enters a problem (not on
 * every run while it stays there), one recovery when it leaves it; at most ALERTS_PER_HOUR
 * alerts of a kind per hour. Pure, so a lost compare-and-swap just recomputes it.
 */
export function nextWatchState(previous: WatchState | undefined, observations: Observation[], options: { now: number; stuckChecks: number }): { state: WatchState; events: WatchEvent[] } {
  const state: WatchState = { nodes: {}, alerts: {} };
  for (const [kind, times] of Object.entries(previous?.alerts ?? {})) state.alerts[kind] = times.filter((t) => options.now - t < HOUR);
  const events: WatchEvent[] = [];
  for (const o of observations) {
    const before = previous?.nodes[o.node];
    const same = o.topLayer !== undefined && before?.topLayer === o.topLayer;
    const sameLayerChecks = o.reachable ? (same ? before!.sameLayerChecks + 1 : 0) : (before?.sameLayerChecks ?? 0);
    const restartedAgain = before !== undefined && o.restarts > before.restarts;
    let problem: Problem | undefined;
    if (!o.reachable) problem = "unreachable";
    else if (restartedAgain || (before?.problem === "crash-looping" && o.restarts === before.restarts && !o.synced)) problem = "crash-looping";
    else if (sameLayerChecks >= options.stuckChecks - 1 && sameLayerChecks > 0) problem = "stuck";
    else if (!o.synced) problem = "not-synced";
    state.nodes[o.node] = { topLayer: o.topLayer ?? before?.topLayer, sameLayerChecks, restarts: o.restarts, ...(problem ? { problem } : {}) };
    // A stall shows as not-synced, then stuck: one alert. A node that dies or crash-loops is new news.
    const sameFamily = (a?: Problem, b?: Problem) => a !== undefined && b !== undefined && (a === b || ((a === "stuck" || a === "not-synced") && (b === "stuck" || b === "not-synced")));
    if (problem && !sameFamily(problem, before?.problem)) {
      const sent = state.alerts[problem] ?? [];
      const suppressed = sent.length >= ALERTS_PER_HOUR;
      if (!suppressed) state.alerts[problem] = [...sent, options.now];
      events.push({ node: o.node, kind: problem, message: describe(o, problem, options.stuckChecks), suppressed });
    } else if (!problem && before?.problem) {
      events.push({ node: o.node, kind: "recovered", was: before.problem, message: `${o.node} recovered (was ${before.problem}): synced at layer ${o.topLayer}`, suppressed: false });
    }
  }
  return { state, events };
}

function describe(o: Observation, problem: Problem, stuckChecks: number): string {
  switch (problem) {
    case "unreachable":
      return `${o.node} is unreachable: ${o.error ?? "no answer"}`;
    case "crash-looping":
      return `${o.node} is crash-looping: ${o.restarts} restarts`;
    case "stuck":
      return `${o.node} is stuck at layer ${o.topLayer} (not advancing over ${stuckChecks} checks)`;
    case "not-synced":
      return `${o.node} is not synced (top layer ${o.topLayer}, verified ${o.verifiedLayer})`;
  }
}

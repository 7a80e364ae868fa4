import { ConfigError } from "@chainops/shared";
import { SummaryReport } from "@chainops/shared/summary";
import { INPUTS, type NetworkConfig, type PlanningConfig } from "./config";
import { applyNetwork } from "./create";
import type { RunDeps, RunResult } from "./deps";
import { readClusterNetwork } from "./network-state";
import { openKube } from "./prepare-plan";
import { runNotifier } from "./notify-run";

/** The lowest smesher number not in use. */
export function nextFreeMiner(used: number[]): number {
  const taken = new Set(used);
  let n = 0;
  while (taken.has(n)) n++;
  return n;
}

/** add-miner: one more smesher (miner-number, default the next free), applied like create. */
export async function addMiner(config: PlanningConfig, deps: RunDeps): Promise<RunResult> {
  const kube = openKube(deps);
  const { state } = await readClusterNetwork(kube, config.network);
  if (!state.exists) throw new ConfigError(INPUTS.network, "does not exist in this cluster; create it first", { value: config.network, example: "devnet-42" });
  const number = config.minerNumber ?? nextFreeMiner(state.smeshers);
  if (state.smeshers.includes(number)) throw new ConfigError(INPUTS.minerNumber, `is taken: smesher-${number} exists`, { value: number, example: String(nextFreeMiner(state.smeshers)) });
  const result = await applyNetwork(config, { ...deps, kube: () => kube }, { addMiner: number, title: "add-miner" });
  return { ...result, outputs: { ...result.outputs, result: "done" }, json: { ...(result.json as object), miner: `smesher-${number}` } };
}

/** delete-miner: removes smesher-N (Deployment, Service, ConfigMap); the rest of the network stays. */
export async function deleteMiner(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const kube = openKube(deps);
  const network = config.network!;
  const name = `smesher-${config.minerNumber}`;
  const { state } = await readClusterNetwork(kube, network);
  if (!state.smeshers.includes(config.minerNumber!)) {
    throw new ConfigError(INPUTS.minerNumber, `names no smesher of ${network} (it has ${state.smeshers.map((n) => `smesher-${n}`).join(", ") || "none"})`, { value: config.minerNumber, example: String(state.smeshers.at(-1) ?? 0) });
  }
  const notify = runNotifier(deps.slack, "delete-miner", network, deps.renewLease);
  await notify.start();
  const removed: string[] = [];
  for (const [apiVersion, kind, object] of [["apps/v1", "Deployment", name], ["v1", "Service", name], ["v1", "ConfigMap", `${name}-config`]] as const) {
    if (await kube.remove(apiVersion, kind, network, object)) removed.push(`${kind}/${object}`);
  }
  await notify.done(`removed ${removed.join(", ")}`);
  const report = new SummaryReport().heading(`deploy-network delete-miner ${network}`).keyValues([["removed", removed.join(", ") || "nothing"]]);
  return { status: "done", outputs: { result: "done", network, changed: String(removed.length) }, report, json: { removed } };
}

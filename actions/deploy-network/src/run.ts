import type { NetworkConfig, PlanningConfig } from "./config";
import { applyNetwork } from "./create";
import { deleteNetwork } from "./delete";
import { deployWebServices } from "./deploy-ws";
import type { RunDeps, RunResult } from "./deps";
import { hosts } from "./hosts";
import { listNetworks } from "./list";
import { withNetworkLease } from "./network-lease";
import { addMiner, deleteMiner } from "./miners";
import { planNetwork } from "./plan-command";
import { rewards } from "./rewards";
import { upgradeNetwork } from "./upgrade";
import { watchNetwork } from "./watch";

export type { RunDeps, RunResult } from "./deps";

/** Commands that change a network: one run at a time, under its lease. */
const CHANGING = new Set(["create", "add-miner", "delete-miner", "upgrade", "delete", "deploy-ws"]);

/** deploy-network: one operation per command (config from loadNetworkConfig). */
export async function run(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  if (CHANGING.has(config.command)) return withNetworkLease(config.network!, config.command, config.leaseTtl!, deps, (leased) => dispatch(config, leased));
  return dispatch(config, deps);
}

async function dispatch(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  switch (config.command) {
    case "plan":
      return planNetwork(config as PlanningConfig, deps);
    case "create":
      return applyNetwork(config as PlanningConfig, deps, { title: "create" });
    case "add-miner":
      return addMiner(config as PlanningConfig, deps);
    case "delete-miner":
      return deleteMiner(config, deps);
    case "upgrade":
      return upgradeNetwork(config as PlanningConfig, deps);
    case "delete":
      return deleteNetwork(config, deps);
    case "deploy-ws":
      return deployWebServices(config as PlanningConfig, deps);
    case "hosts":
      return hosts(config, deps);
    case "list":
      return listNetworks(config, deps);
    case "rewards":
      return rewards(config, deps);
    case "watch":
      return watchNetwork(config, deps);
  }
}

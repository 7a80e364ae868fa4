import type { PlanningConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { redacted } from "./plan";
import { planReport } from "./plan-report";
import { preparePlan } from "./prepare-plan";

/** plan: everything create would do, changing nothing (with a kubeconfig it reads what exists). */
export async function planNetwork(config: PlanningConfig, deps: RunDeps): Promise<RunResult> {
  const { plan, manifests } = await preparePlan(config, deps, { needCluster: false });
  const report = planReport(plan, `deploy-network plan ${config.network}`);
  return {
    status: "done",
    outputs: { result: "planned", network: config.network, "genesis-id": plan.genesis.genesisId, "node-count": String(plan.cluster.nodeCount), plan: JSON.stringify(plan) },
    report,
    json: { plan, manifests: manifests.map(redacted) },
  };
}

import { ConfigError, UpstreamError } from "@chainops/shared";
import { INPUTS, type PlanningConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { runNotifier } from "./notify-run";
import { planReport } from "./plan-report";
import { preparePlan } from "./prepare-plan";
import { publishNodeConfig } from "./publish-config";
import { rollOut } from "./rollout";

/**
 * upgrade: a new image and/or config for the nodes the network has, rolled one node at a time
 * (bootnodes, PoETs, smeshers), each waited for until Ready with a timeout. The first node that
 * does not become Ready stops the rollout: the error names it and nothing after it is touched.
 */
export async function upgradeNetwork(config: PlanningConfig, deps: RunDeps): Promise<RunResult> {
  const prepared = await preparePlan(config, deps, { needCluster: true, existingSmeshersOnly: true });
  if (!prepared.cluster?.state.exists) throw new ConfigError(INPUTS.network, "does not exist in this cluster; create it first", { value: config.network, example: "devnet-42" });
  const { plan, manifests } = prepared;
  const notify = runNotifier(deps.slack, "upgrade", config.network, deps.renewLease);
  const report = planReport(plan, `deploy-network upgrade ${config.network}: plan`);
  deps.logger.info(report.toText());
  await notify.start();
  let current = "";
  try {
    const rollout = await rollOut(prepared.kube!, manifests, {
      clock: deps.clock,
      logger: deps.logger,
      readyTimeoutMs: config.readyTimeout!,
      oneAtATime: true,
      onPhase: (phase) => { current = phase; return notify.phase(`rolling ${phase}`); },
    });
    const published = prepared.publishedConfig ? await publishNodeConfig(deps.store, prepared.confKey, prepared.publishedConfig) : false;
    const summary = `${rollout.changed.length} objects changed (${rollout.changed.filter((c) => c.startsWith("Deployment/")).length} nodes rolled), config ${published ? "published" : "unchanged"}`;
    report.heading("Result", 3).paragraph(summary);
    await notify.done(summary);
    return { status: "done", outputs: { result: "done", network: config.network, "genesis-id": plan.genesis.genesisId, changed: String(rollout.changed.length), plan: JSON.stringify(plan) }, report, json: { plan, changed: rollout.changed } };
  } catch (error) {
    const node = /^(\S+) did not become Ready/.exec((error as Error).message)?.[1];
    await notify.failed(node ? `rollout stopped at ${node} (${current}): ${(error as Error).message}` : (error as Error).message);
    if (node && error instanceof UpstreamError) throw new UpstreamError(`upgrade of ${config.network} stopped at ${node}: ${error.message}`, { hint: error.hint, cause: error });
    throw error;
  }
}

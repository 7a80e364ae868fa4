import yaml from "js-yaml";
import { ConfigError } from "@chainops/shared";
import { runCommand } from "@chainops/shared/exec";
import { INPUTS, WEB_SERVICES, type PlanningConfig, type WebService } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { publishDiscoveryEntry } from "./discovery";
import { waitDeploymentReady } from "./kube-client";
import { NETWORK_LABEL, validateManifests, type Manifest } from "./manifests";
import { PORTS } from "./node-config";
import { runNotifier } from "./notify-run";
import { planReport } from "./plan-report";
import { preparePlan } from "./prepare-plan";

export interface ChartRef {
  service: WebService;
  chart: string;
  version?: string;
}

/** The DNS host each service answers on (the records create made). */
const HOST_PREFIX: Record<WebService, string | undefined> = { "dash-backend": "dash-api", "explorer-backend": "explorer-api", collector: undefined, "public-api": "api-json" };

export function parseCharts(entries: string[]): ChartRef[] {
  return entries.map((entry) => {
    const [service, rest] = entry.split("=") as [WebService, string];
    const [chart, version] = rest.split("@");
    return { service, chart: chart!, version };
  });
}

/** Values are checked before they reach helm's --set-string parser (no commas, braces or '='). */
const SAFE_VALUE = /^[A-Za-z0-9._:/@+-]{0,512}$/;

export function helmTemplateArgs(config: PlanningConfig, ref: ChartRef, values: Record<string, string>): string[] {
  const args = ["template", ref.service, ref.chart, "--namespace", config.network];
  if (ref.chart.startsWith("-")) throw new ConfigError(INPUTS.charts, "names a chart that looks like a flag", { value: ref.chart, example: "dash-backend=dash-backend@1.2.0" });
  if (config.chartRepo) args.push("--repo", config.chartRepo);
  if (ref.version) args.push("--version", ref.version);
  for (const [key, value] of Object.entries(values)) {
    if (!SAFE_VALUE.test(value)) throw new ConfigError(`chart value ${key}`, "may only contain letters, digits and . _ : / @ + -", { value, example: "devnet-42" });
    args.push("--set-string", `${key}=${value}`);
  }
  return args;
}

/** The objects a chart renders, each checked like our own manifests, in the network's namespace. */
export function renderedManifests(text: string, namespace: string): Manifest[] {
  const docs = yaml.loadAll(text).filter((d): d is Manifest => typeof d === "object" && d !== null);
  const manifests = docs.map((d) => ({ ...d, metadata: { ...d.metadata, namespace } }));
  validateManifests(manifests);
  return manifests;
}

/**
 * deploy-ws: the web services (dashboard and explorer backends, collector, public API) from
 * their Helm charts, rendered by the real helm (`helm template`, chart repo and versions from
 * the inputs), applied by server-side apply and waited for; then the discovery entry.
 */
export async function deployWebServices(config: PlanningConfig, deps: RunDeps): Promise<RunResult> {
  const charts = parseCharts(config.charts ?? []);
  if (!charts.length) throw new ConfigError(INPUTS.charts, `is required: which chart each web service comes from (${WEB_SERVICES.join(", ")})`, { example: "dash-backend=dash-backend@1.2.0, explorer-backend=explorer-backend@0.9.1" });
  const prepared = await preparePlan(config, deps, { needCluster: true, existingSmeshersOnly: true });
  if (!prepared.cluster?.state.exists) throw new ConfigError(INPUTS.network, "does not exist in this cluster; create it first", { value: config.network, example: "devnet-42" });
  const { plan } = prepared;
  const kube = prepared.kube!;
  const notify = runNotifier(deps.slack, "deploy-ws", config.network, deps.renewLease);
  const nodeApi = `http://${plan.nodes.find((n) => n.role === "smesher")?.name ?? "bootnode-0"}.${plan.namespace}.svc.cluster.local:${PORTS.json}`;
  const rendered: Array<{ ref: ChartRef; manifests: Manifest[] }> = [];
  for (const ref of charts) {
    const prefix = HOST_PREFIX[ref.service];
    const values = { service: ref.service, network: config.network, genesisId: plan.genesis.genesisId, nodeApiUrl: nodeApi, host: prefix && config.domain ? `${prefix}-${config.network}.${config.domain}` : "" };
    const { stdout } = await runCommand(config.helm ?? "helm", helmTemplateArgs(config, ref, values), { captureStdout: true, logger: deps.logger, env: deps.env, timeoutMs: 5 * 60_000, hint: "Check chart-repo and the chart names and versions in charts." });
    const manifests = renderedManifests(stdout, plan.namespace).map((m) => ({ ...m, metadata: { ...m.metadata, labels: { ...m.metadata.labels, [NETWORK_LABEL]: config.network } } }));
    rendered.push({ ref, manifests });
  }
  await notify.start();
  const changed: string[] = [];
  for (const { ref, manifests } of rendered) {
    await notify.phase(`${ref.service} (${ref.chart}${ref.version ? `@${ref.version}` : ""})`);
    for (const manifest of manifests) if ((await kube.apply(manifest)).changed) changed.push(`${manifest.kind}/${manifest.metadata.name}`);
    for (const d of manifests.filter((m) => m.kind === "Deployment")) await waitDeploymentReady(kube, plan.namespace, d.metadata.name, { timeoutMs: config.readyTimeout!, clock: deps.clock, logger: deps.logger });
  }
  const discovery = plan.discovery ? await publishDiscoveryEntry(deps.store, config.discoveryKey, plan.discovery) : false;
  const report = planReport(plan, `deploy-network deploy-ws ${config.network}`);
  report.heading("Web services", 3).table(["service", "chart", "version", "objects"], rendered.map(({ ref, manifests }) => [ref.service, ref.chart, ref.version ?? "", manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(", ")]));
  report.paragraph(`${changed.length} objects changed; discovery entry ${discovery ? "written" : "unchanged"}.`);
  await notify.done(`${changed.length} objects changed; discovery entry ${discovery ? "written" : "unchanged"}`);
  return { status: "done", outputs: { result: "done", network: config.network, "genesis-id": plan.genesis.genesisId, changed: String(changed.length + (discovery ? 1 : 0)) }, report, json: { changed, discovery, services: rendered.map((r) => r.ref) } };
}

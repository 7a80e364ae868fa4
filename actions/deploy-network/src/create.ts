import { ConfigError } from "@chainops/shared";
import { INPUTS, type PlanningConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { publishDiscoveryEntry } from "./discovery";
import { upsertRecords, type DnsChange } from "./dns-records";
import type { Kube } from "./kube-client";
import { runNotifier } from "./notify-run";
import { redacted, type PlannedRecord } from "./plan";
import { planReport } from "./plan-report";
import { preparePlan } from "./prepare-plan";
import { publishNodeConfig } from "./publish-config";
import { rollOut } from "./rollout";

/** DNS needs Cloudflare and a zone; checked before anything is applied. */
export function checkDnsSetup(config: { domain?: string; cloudflareZoneId?: string }, deps: RunDeps, records: PlannedRecord[]): void {
  if (!records.length) return;
  if (!deps.cloudflare) throw new ConfigError("cloudflare-token", `is required with domain ${config.domain}: the plan has ${records.length} DNS records`, { example: "a Cloudflare API token with DNS edit on the zone" });
  if (!config.cloudflareZoneId) throw new ConfigError(INPUTS.cloudflareZoneId, `is required with domain ${config.domain}`, { example: "023e105f4ecef8ad9ca31a8372d0c353" });
}

/** Fills in the records whose content is only known after scheduling: each bootnode's host IP. */
export async function resolvePendingRecords(kube: Kube, namespace: string, records: PlannedRecord[]): Promise<Array<PlannedRecord & { content: string }>> {
  const out: Array<PlannedRecord & { content: string }> = [];
  for (const record of records) {
    if (!record.pending) {
      out.push(record);
      continue;
    }
    const node = record.pending.replace(/^host IP of /, "");
    const [pod] = await kube.list("v1", "Pod", namespace, `app.kubernetes.io/instance=${node}`);
    const hostIP = pod?.status?.hostIP as string | undefined;
    if (!hostIP) throw new ConfigError(`DNS record ${record.name}`, `has no target: ${node} has no host IP yet`, { hint: `Check that ${node} is scheduled (kubectl -n ${namespace} get pods -o wide), then run create again.` });
    out.push({ ...record, content: hostIP, pending: undefined });
  }
  return out;
}

/**
 * create (and the apply part of add-miner): the plan first, then bootnodes → PoETs → smeshers by
 * server-side apply, waiting for each role to be Ready; the published config, DNS and the
 * discovery entry last, so nothing points at a network that is not up.
 */
export async function applyNetwork(config: PlanningConfig, deps: RunDeps, options: { addMiner?: number; title: string } = { title: "create" }): Promise<RunResult> {
  const prepared = await preparePlan(config, deps, { needCluster: true, addMiner: options.addMiner });
  const { plan, manifests, publishedConfig } = prepared;
  checkDnsSetup(config, deps, plan.dns);
  const kube = prepared.kube!;
  const notify = runNotifier(deps.slack, options.title, config.network, deps.renewLease);
  const report = planReport(plan, `deploy-network ${options.title} ${config.network}: plan`);
  deps.logger.info(report.toText());
  await notify.start();
  try {
    const rollout = await deps.logger.group(`Applying ${manifests.length} objects`, () =>
      rollOut(kube, manifests, { clock: deps.clock, logger: deps.logger, readyTimeoutMs: config.readyTimeout!, oneAtATime: false, onPhase: (p) => notify.phase(`applying ${p}`) }),
    );
    const published = publishedConfig ? await publishNodeConfig(deps.store, prepared.confKey, publishedConfig) : false;
    let dns: DnsChange[] = [];
    if (plan.dns.length) {
      await notify.phase("DNS");
      const records = await resolvePendingRecords(kube, plan.namespace, plan.dns);
      dns = await deps.logger.group("DNS records", () => upsertRecords({ client: deps.cloudflare!, zoneId: config.cloudflareZoneId!, logger: deps.logger }, config.network, records));
    }
    const discovery = plan.discovery ? await publishDiscoveryEntry(deps.store, config.discoveryKey, plan.discovery) : false;
    const dnsChanged = dns.filter((d) => d.action !== "unchanged").length;
    const changed = rollout.changed.length + dnsChanged + (published ? 1 : 0) + (discovery ? 1 : 0);
    const summary = `${rollout.changed.length} of ${rollout.applied} objects changed, ${dnsChanged} DNS records changed, config ${published ? "published" : "unchanged"}, discovery entry ${discovery ? "written" : "unchanged"}`;
    report.heading("Result", 3).keyValues([
      ["objects changed", rollout.changed.length ? rollout.changed.join(", ") : "none"],
      ["DNS", dns.length ? dns.map((d) => `${d.name} ${d.action}`).join(", ") : "none"],
      ["published config", publishedConfig ? `${deps.store.url}/${prepared.confKey} (${published ? "written" : "unchanged"})` : "none"],
      ["discovery", plan.discovery ? `${config.discoveryKey} (${discovery ? "written" : "unchanged"})` : "none"],
    ]);
    await notify.done(summary);
    deps.logger.info(summary);
    return {
      status: "done",
      outputs: { result: "done", network: config.network, "genesis-id": plan.genesis.genesisId, "node-count": String(plan.cluster.nodeCount), changed: String(changed), plan: JSON.stringify(plan) },
      report,
      json: { plan, manifests: manifests.map(redacted), changed: rollout.changed, dns, published, discovery },
    };
  } catch (error) {
    await notify.failed((error as Error).message);
    throw error;
  }
}

import { UpstreamError } from "@chainops/shared";
import { genesisId } from "@chainops/shared/chains/spacemesh";
import { formatDuration } from "@chainops/shared/config";
import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkConfig } from "./config";
import { checkDnsSetup } from "./create";
import type { RunDeps, RunResult } from "./deps";
import { removeDiscoveryEntry } from "./discovery";
import { removeNetworkRecords, type DnsChange } from "./dns-records";
import type { Kube } from "./kube-client";
import { openKube } from "./prepare-plan";
import { runNotifier } from "./notify-run";

async function waitGone(kube: Kube, name: string, deps: RunDeps, timeoutMs: number): Promise<void> {
  const start = deps.clock.now();
  while (await kube.read("v1", "Namespace", undefined, name)) {
    if (deps.clock.now() - start > timeoutMs) throw new UpstreamError(`namespace ${name} is still terminating after ${formatDuration(timeoutMs)}`, { hint: `See what holds it: kubectl get namespace ${name} -o yaml (finalizers). Run delete again once it is gone.` });
    await kube.nextChange(`/api/v1/namespaces?fieldSelector=metadata.name=${name}`, undefined, 5_000);
  }
}

/**
 * delete: everything of the network: its namespaces (the logs and metrics ones too unless
 * keep-logs-metrics), its DNS records and its discovery entry.
 */
export async function deleteNetwork(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const network = config.network!;
  const kube = openKube(deps);
  if (config.domain) checkDnsSetup(config, deps, [{ name: `*-${network}.${config.domain}`, type: "A", content: "", proxied: false }]);
  const notify = runNotifier(deps.slack, "delete", network, deps.renewLease);
  await notify.start();
  const namespace = await kube.read("v1", "Namespace", undefined, network);
  const annotations = namespace?.metadata?.annotations ?? {};
  const genesisTime = annotations["spacemesh.io/genesis-time"];
  const extraData = annotations["spacemesh.io/genesis-extra-data"] ?? config.genesisExtraData;
  const namespaces = [network, ...(config.keepLogsMetrics ? [] : [`${network}-logs`, `${network}-metrics`])];
  const deleted: string[] = [];
  for (const name of namespaces) if (await kube.remove("v1", "Namespace", undefined, name)) deleted.push(name);
  for (const name of namespaces) await waitGone(kube, name, deps, config.readyTimeout ?? 10 * 60_000);
  let dns: DnsChange[] = [];
  if (config.domain) dns = await removeNetworkRecords({ client: deps.cloudflare!, zoneId: config.cloudflareZoneId!, logger: deps.logger }, network);
  const id = genesisTime && extraData ? genesisId(genesisTime, extraData) : undefined;
  const discovery = id ? await removeDiscoveryEntry(deps.store, config.discoveryKey!, id) : false;
  const summary = `namespaces deleted: ${deleted.join(", ") || "none"}; ${dns.length} DNS records deleted; discovery entry ${discovery ? "removed" : "absent"}${config.keepLogsMetrics ? `; kept ${network}-logs and ${network}-metrics` : ""}`;
  await notify.done(summary);
  const report = new SummaryReport().heading(`deploy-network delete ${network}`).paragraph(summary);
  return { status: "done", outputs: { result: "done", network, changed: String(deleted.length + dns.length + (discovery ? 1 : 0)), "genesis-id": id }, report, json: { deleted, dns, discovery } };
}

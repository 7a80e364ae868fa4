import { createSpacemeshGateway } from "@chainops/shared/chains/spacemesh";
import { MetricsTextfile } from "@chainops/shared/metrics";
import { updateJson } from "@chainops/shared/storage";
import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { listNodeHosts } from "./hosts";
import { openKube } from "./prepare-plan";
import { nextWatchState, type Observation, type WatchEvent, type WatchState } from "./watch-state";

export const watchStateKey = (network: string) => `deploy-network/${network}/watch.json`;

/**
 * watch (what spacemesh-watch did): every node's sync status, top/verified layer and restarts;
 * Slack alerts for a node that is unreachable, not synced, stuck or crash-looping (one per
 * problem, not per run; recovery once; at most 4 of a kind per hour); a Prometheus textfile. The
 * state between runs lives in the bucket, updated by compare-and-swap; alerts go out after it.
 */
export async function watchNetwork(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const network = config.network!;
  const kube = openKube(deps);
  const hosts = await listNodeHosts(kube, network, config.nodeApiUrl!);
  const gateway = deps.gateway ?? ((url: string) => createSpacemeshGateway({ url, timeoutMs: 10_000 }));
  const observations: Observation[] = await Promise.all(
    hosts.map(async (host): Promise<Observation> => {
      if (!host.json) return { node: host.name, reachable: false, synced: false, restarts: host.restarts, error: "the pod has no IP (not scheduled or not running)" };
      try {
        const status = await gateway(host.json).status();
        return { node: host.name, reachable: true, synced: status.synced, topLayer: status.topLayer, verifiedLayer: status.verifiedLayer, connectedPeers: status.connectedPeers, restarts: host.restarts };
      } catch (error) {
        return { node: host.name, reachable: false, synced: false, restarts: host.restarts, error: (error as Error).message };
      }
    }),
  );
  const now = deps.clock.now();
  let events: WatchEvent[] = [];
  await updateJson<WatchState>(deps.store, watchStateKey(network), (current) => {
    const next = nextWatchState(current, observations, { now, stuckChecks: config.stuckChecks! });
    events = next.events;
    return next.state;
  });

  for (const event of events) {
    const text = event.kind === "recovered" ? `:white_check_mark: ${network}: ${event.message}` : `:rotating_light: ${network}: ${event.message}`;
    if (event.suppressed) deps.logger.warning(`not posted (over 4 ${event.kind} alerts this hour): ${event.message}`);
    else {
      if (event.kind === "recovered") deps.logger.notice(event.message);
      else deps.logger.warning(event.message);
      if (deps.slack?.configured) await deps.slack.post({ text });
    }
  }

  if (config.metricsFile) {
    const metrics = await MetricsTextfile.continuing(config.metricsFile, "deploy-network");
    const labels = (node: string) => ({ network, node });
    const up = metrics.gauge("chainops_deploy_network_node_reachable_bool", "1 when the node's JSON API answered the last watch run.");
    const synced = metrics.gauge("chainops_deploy_network_node_synced_bool", "1 when the node reported itself synced.");
    const top = metrics.gauge("chainops_deploy_network_node_top_layer", "The node's top layer (v1 top_layer, v2beta1 latest_layer).");
    const verified = metrics.gauge("chainops_deploy_network_node_verified_layer", "The node's verified layer (v1 verified_layer, v2beta1 processed_layer).");
    const peers = metrics.gauge("chainops_deploy_network_node_connected_peers", "The node's connected peers.");
    const restarts = metrics.gauge("chainops_deploy_network_node_container_restarts", "Container restarts of the node's pod, as Kubernetes counts them.");
    const alerts = metrics.counter("chainops_deploy_network_alerts_total", "Alerts raised by watch, by kind (posted or over the hourly limit).");
    for (const o of observations) {
      up.set(o.reachable ? 1 : 0, labels(o.node));
      synced.set(o.synced ? 1 : 0, labels(o.node));
      restarts.set(o.restarts, labels(o.node));
      if (o.topLayer !== undefined) top.set(o.topLayer, labels(o.node));
      if (o.verifiedLayer !== undefined) verified.set(o.verifiedLayer, labels(o.node));
      if (o.connectedPeers !== undefined) peers.set(o.connectedPeers, labels(o.node));
    }
    for (const event of events) if (event.kind !== "recovered") alerts.inc({ network, kind: event.kind });
    metrics.gauge("chainops_deploy_network_watch_last_run_timestamp_seconds", "When watch last checked the network (Unix seconds).").set(Math.floor(now / 1000), { network });
    await metrics.writeAtomic(config.metricsFile);
  }

  const report = new SummaryReport()
    .heading(`deploy-network watch ${network}`)
    .table(["node", "reachable", "synced", "top layer", "verified layer", "peers", "restarts"], observations.map((o) => [o.node, o.reachable ? "yes" : `no: ${o.error ?? ""}`, o.synced ? "yes" : "no", o.topLayer ?? "", o.verifiedLayer ?? "", o.connectedPeers ?? "", o.restarts]));
  if (events.length) report.heading("Alerts", 3).list(events.map((e) => `${e.kind}: ${e.message}${e.suppressed ? " (over the hourly limit, not posted)" : ""}`));
  const alerting = events.some((e) => e.kind !== "recovered");
  return { status: alerting ? "alert" : "done", outputs: { result: alerting ? "alert" : "ok", network, alerts: JSON.stringify(events) }, report, json: { observations, events } };
}

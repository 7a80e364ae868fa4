import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import type { Kube } from "./kube-client";
import { NETWORK_LABEL, ROLE_LABEL, INSTANCE_LABEL } from "./manifests";
import { PORTS } from "./node-config";
import { openKube } from "./prepare-plan";

export interface NodeHost {
  name: string;
  role: string;
  podIP: string;
  hostIP: string;
  ready: boolean;
  restarts: number;
  grpc: string;
  json: string;
}

/** The node-api-url template for one node: {name}, {pod-ip}, {host-ip}. */
export function nodeApiUrl(template: string, host: Pick<NodeHost, "name" | "podIP" | "hostIP">): string {
  return template.replaceAll("{name}", host.name).replaceAll("{pod-ip}", host.podIP).replaceAll("{host-ip}", host.hostIP);
}

/** Every node's pod, with its endpoints, readiness and restarts. */
export async function listNodeHosts(kube: Kube, network: string, template: string): Promise<NodeHost[]> {
  const pods = await kube.list("v1", "Pod", network, `${NETWORK_LABEL}=${network}`);
  return pods
    .filter((p) => p.metadata?.labels?.[ROLE_LABEL] !== "poet")
    .map((pod) => {
      const statuses = (pod.status?.containerStatuses ?? []) as Array<{ ready?: boolean; restartCount?: number }>;
      const host = { name: pod.metadata?.labels?.[INSTANCE_LABEL] ?? pod.metadata?.name ?? "", podIP: pod.status?.podIP ?? "", hostIP: pod.status?.hostIP ?? "" };
      return {
        ...host,
        role: pod.metadata?.labels?.[ROLE_LABEL] ?? "",
        ready: statuses.length > 0 && statuses.every((s) => s.ready),
        restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
        grpc: host.podIP ? `${host.podIP}:${PORTS.grpcPublic}` : "",
        json: host.podIP ? nodeApiUrl(template, host) : "",
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

export async function hosts(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const list = await listNodeHosts(openKube(deps), config.network!, config.nodeApiUrl!);
  const report = new SummaryReport().heading(`deploy-network hosts ${config.network}`).table(["node", "role", "gRPC", "JSON API", "host IP", "ready", "restarts"], list.map((h) => [h.name, h.role, { code: h.grpc }, { code: h.json }, h.hostIP, h.ready ? "yes" : "no", h.restarts]));
  return { status: "done", outputs: { result: "done", network: config.network, hosts: JSON.stringify(list) }, report, json: list };
}

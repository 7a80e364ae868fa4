// The v1 client alone: the package index also loads every API version's 11 MB of generated protos.
import type { ClusterManagerClient } from "@google-cloud/container/build/src/v1/index.js";
import { KubeConfig } from "@kubernetes/client-node";
import { UpstreamError, type Clock, type Logger } from "@chainops/shared";
import { formatDuration } from "@chainops/shared/config";

export interface GkeClusterSpec {
  project: string;
  location: string;
  name: string;
  nodeCount: number;
  machineType: string;
}

export interface GkeClusters {
  /** Creates the cluster sized by the plan, or resizes its node pool to the plan; returns a kubeconfig for it. */
  ensure(spec: GkeClusterSpec): Promise<{ action: "created" | "resized" | "unchanged"; kubeConfig: KubeConfig }>;
}

const POOL = "default-pool";

/** GKE through the official @google-cloud/container client; long operations are polled on the clock. */
export function gkeClusters(client: ClusterManagerClient, options: { clock: Clock; logger: Logger; timeoutMs?: number }): GkeClusters {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      const e = error as { code?: number; details?: string; message?: string };
      throw new UpstreamError(`GKE refused to ${what}: ${e.details ?? e.message}`, { cause: error, hint: "Check gke-project, gke-location and that the service account may manage clusters (roles/container.admin)." });
    }
  };
  async function wait(project: string, location: string, operation: { name?: string | null; status?: unknown }, what: string): Promise<void> {
    const start = options.clock.now();
    let current = operation;
    while (current.status !== "DONE" && current.status !== 3) {
      if (options.clock.now() - start > timeoutMs) throw new UpstreamError(`GKE did not finish ${what} within ${formatDuration(timeoutMs)}`, { hint: "See the operation in the Cloud Console; run again once it is done." });
      await options.clock.sleep(10_000);
      const [next] = await call(`read operation ${current.name}`, () => client.getOperation({ name: `projects/${project}/locations/${location}/operations/${current.name}` }));
      current = next;
      options.logger.info(`  GKE ${what}: ${String(current.status)} after ${formatDuration(options.clock.now() - start)}`);
    }
  }
  async function kubeConfigOf(cluster: { name?: string | null; endpoint?: string | null; masterAuth?: { clusterCaCertificate?: string | null } | null }): Promise<KubeConfig> {
    const token = await client.auth.getAccessToken();
    const endpoint = cluster.endpoint ?? "";
    // GKE gives the endpoint as an IP; a full URL is accepted too (local test clusters).
    const server = endpoint.includes("://") ? endpoint : `https://${endpoint}`;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: cluster.name ?? "gke", server, caData: cluster.masterAuth?.clusterCaCertificate ?? undefined, skipTLSVerify: server.startsWith("http://") }],
      users: [{ name: "gke", token: token ?? undefined }],
      contexts: [{ name: "gke", cluster: cluster.name ?? "gke", user: "gke" }],
      currentContext: "gke",
    });
    return kc;
  }
  return {
    async ensure(spec) {
      const parent = `projects/${spec.project}/locations/${spec.location}`;
      const name = `${parent}/clusters/${spec.name}`;
      let existing;
      try {
        [existing] = await client.getCluster({ name });
      } catch (error) {
        if ((error as { code?: number }).code !== 5) return call(`read cluster ${name}`, () => Promise.reject(error));
      }
      let action: "created" | "resized" | "unchanged" = "unchanged";
      if (!existing) {
        options.logger.info(`Creating GKE cluster ${spec.name} in ${spec.location}: ${spec.nodeCount} × ${spec.machineType}`);
        const [operation] = await call(`create cluster ${spec.name}`, () =>
          client.createCluster({ parent, cluster: { name: spec.name, nodePools: [{ name: POOL, initialNodeCount: spec.nodeCount, config: { machineType: spec.machineType } }] } }),
        );
        await wait(spec.project, spec.location, operation, `creating ${spec.name}`);
        action = "created";
      } else {
        const pool = existing.nodePools?.find((p) => p.name === POOL) ?? existing.nodePools?.[0];
        const current = pool?.initialNodeCount ?? 0;
        if (pool && current < spec.nodeCount) {
          options.logger.info(`Resizing GKE node pool ${pool.name} of ${spec.name}: ${current} → ${spec.nodeCount} nodes`);
          const [operation] = await call(`resize ${spec.name}`, () => client.setNodePoolSize({ name: `${name}/nodePools/${pool.name}`, nodeCount: spec.nodeCount }));
          await wait(spec.project, spec.location, operation, `resizing ${spec.name}`);
          action = "resized";
        }
      }
      const [cluster] = await call(`read cluster ${name}`, () => client.getCluster({ name }));
      return { action, kubeConfig: await kubeConfigOf(cluster) };
    },
  };
}

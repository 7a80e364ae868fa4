import type { KeySource } from "./network-keys";
import type { Kube, KubeObject } from "./kube-client";
import { NETWORK_LABEL, ROLE_LABEL } from "./manifests";
import type { NetworkState } from "./plan";

export interface ClusterNetwork {
  state: NetworkState;
  /** Decoded Secret data by name. */
  secrets: Map<string, Record<string, string>>;
  deployments: KubeObject[];
}

/** What the cluster holds of a network: its genesis (namespace annotations), keys (Secrets), smeshers. */
export async function readClusterNetwork(kube: Kube, network: string): Promise<ClusterNetwork> {
  const namespace = await kube.read("v1", "Namespace", undefined, network);
  if (!namespace) return { state: { exists: false, smeshers: [] }, secrets: new Map(), deployments: [] };
  const annotations = namespace.metadata?.annotations ?? {};
  const selector = `${NETWORK_LABEL}=${network}`;
  const [secrets, deployments] = await Promise.all([kube.list("v1", "Secret", network, selector), kube.list("apps/v1", "Deployment", network, selector)]);
  const smeshers = deployments
    .filter((d) => d.metadata?.labels?.[ROLE_LABEL] === "smesher")
    .map((d) => Number(/^smesher-(\d+)$/.exec(d.metadata?.name ?? "")?.[1]))
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => a - b);
  return {
    state: { exists: true, genesisTime: annotations["spacemesh.io/genesis-time"], extraData: annotations["spacemesh.io/genesis-extra-data"], smeshers },
    secrets: new Map(secrets.map((s) => [s.metadata!.name!, Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]))])),
    deployments,
  };
}

/** Keys from the cluster's Secrets first, new seeds otherwise. */
export function clusterKeys(network: ClusterNetwork, newSeed: (secret: string) => Buffer): KeySource {
  return { existing: (secret) => network.secrets.get(secret), newSeed };
}

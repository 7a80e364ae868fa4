import { ConfigError } from "@chainops/shared";
import { ed25519KeyPair } from "@chainops/shared/chains/spacemesh";
import { INPUTS, type PlanningConfig } from "./config";
import type { RunDeps } from "./deps";
import type { Kube } from "./kube-client";
import { kubeFromConfig } from "./kube-client";
import { freshKeys } from "./network-keys";
import { clusterKeys, readClusterNetwork, type ClusterNetwork } from "./network-state";
import { buildPlan, NO_NETWORK, type PlanResult } from "./plan";

export interface PreparedPlan extends PlanResult {
  kube?: Kube;
  cluster?: ClusterNetwork;
  confKey: string;
}

/** Where the published config lives in the bucket, and the URL home smeshers download it from. */
export function confLocation(config: PlanningConfig, deps: RunDeps): { key: string; url: string } {
  const key = `${config.configsPrefix}/${config.network}.json`;
  return { key, url: config.publicBaseUrl ? `${config.publicBaseUrl}/${key}` : deps.store.publicUrl(key) };
}

export function openKube(deps: RunDeps): Kube {
  if (!deps.kube) throw new ConfigError(INPUTS.kubeconfig, "is required for this command: the path of the cluster's kubeconfig", { example: "~/.kube/config" });
  return deps.kube();
}

/**
 * The plan for an operation: with a cluster (GKE created or resized first), what it already
 * holds is read, so keys and genesis stay and a second create changes nothing.
 */
export async function preparePlan(config: PlanningConfig, deps: RunDeps, options: { needCluster: boolean; addMiner?: number; existingSmeshersOnly?: boolean }): Promise<PreparedPlan> {
  const newSeed = deps.newSeed ?? (() => ed25519KeyPair().seed);
  const { key: confKey, url: confUrl } = confLocation(config, deps);
  const now = deps.clock.now();
  let kube: Kube | undefined;
  if (config.cluster === "gke" && options.needCluster) {
    if (!deps.gke) throw new ConfigError(INPUTS.cluster, "is gke, but no GKE client was set up (credentials)", { example: "existing" });
    // Size the cluster by a plan of the network as asked (a new network: nothing to read yet).
    const sizing = buildPlan({ config, now, state: NO_NETWORK, keys: freshKeys, confUrl });
    const { action, kubeConfig } = await deps.gke.ensure({ project: config.gkeProject!, location: config.gkeLocation!, name: config.network, nodeCount: sizing.plan.cluster.nodeCount, machineType: config.machineType.name });
    deps.logger.info(`GKE cluster ${config.network}: ${action}`);
    kube = kubeFromConfig(kubeConfig, deps.clock);
  } else if (options.needCluster || deps.kube) {
    kube = openKube(deps);
  }
  const cluster = kube ? await readClusterNetwork(kube, config.network) : undefined;
  const state = cluster?.state ?? NO_NETWORK;
  const smeshers = options.existingSmeshersOnly || options.addMiner !== undefined ? state.smeshers : undefined;
  const result = buildPlan({
    config,
    now,
    state,
    keys: cluster ? clusterKeys(cluster, newSeed) : { existing: () => undefined, newSeed },
    confUrl,
    addMiner: options.addMiner,
    smeshers,
  });
  return { ...result, kube, cluster, confKey };
}

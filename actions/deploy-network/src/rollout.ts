import type { Clock, Logger } from "@chainops/shared";
import { waitDeploymentReady, type Kube } from "./kube-client";
import { ROLE_LABEL, type Manifest } from "./manifests";

export interface RolloutResult {
  applied: number;
  changed: string[];
}

export interface RolloutOptions {
  clock: Clock;
  logger: Logger;
  readyTimeoutMs: number;
  /** upgrade: each changed node is applied and waited for before the next one. */
  oneAtATime: boolean;
  /** Called before each node's Deployment is applied (Slack phases). */
  onPhase?: (phase: string) => Promise<void>;
}

const ROLE_ORDER = ["bootnode", "poet", "smesher"] as const;

function id(m: Manifest): string {
  return `${m.kind}/${m.metadata.namespace ? `${m.metadata.namespace}/` : ""}${m.metadata.name}`;
}

/**
 * Applies a plan's manifests in the upstream order: namespaces, keys, services, then per role
 * (bootnodes → PoETs → smeshers) each node's ConfigMap and Deployment, waiting for the role's
 * nodes to be Ready before the next role. With oneAtATime every changed node is waited for
 * before the next is touched, and the first that does not become Ready stops the rollout (its
 * error names it).
 */
export async function rollOut(kube: Kube, manifests: Manifest[], options: RolloutOptions): Promise<RolloutResult> {
  const result: RolloutResult = { applied: 0, changed: [] };
  const apply = async (m: Manifest) => {
    const { changed } = await kube.apply(m);
    result.applied++;
    if (changed) result.changed.push(id(m));
    return changed;
  };
  const deployments = manifests.filter((m) => m.kind === "Deployment");
  const configOf = (d: Manifest) => manifests.find((m) => m.kind === "ConfigMap" && m.metadata.name === `${d.metadata.name}-config`);
  const configs = new Set(deployments.map(configOf).filter(Boolean));
  for (const m of manifests) if (m.kind !== "Deployment" && !configs.has(m)) await apply(m);
  for (const role of ROLE_ORDER) {
    const group = deployments.filter((d) => d.metadata.labels?.[ROLE_LABEL] === role);
    if (!group.length) continue;
    await options.onPhase?.(`${role}s (${group.length})`);
    const toWait: Manifest[] = [];
    for (const deployment of group) {
      const config = configOf(deployment);
      const configChanged = config ? await apply(config) : false;
      const changed = await apply(deployment);
      if (!changed && !configChanged) continue;
      options.logger.info(`${deployment.metadata.name}: applied`);
      if (options.oneAtATime) await waitDeploymentReady(kube, deployment.metadata.namespace!, deployment.metadata.name, { timeoutMs: options.readyTimeoutMs, clock: options.clock, logger: options.logger });
      else toWait.push(deployment);
    }
    for (const deployment of toWait) await waitDeploymentReady(kube, deployment.metadata.namespace!, deployment.metadata.name, { timeoutMs: options.readyTimeoutMs, clock: options.clock, logger: options.logger });
  }
  return result;
}

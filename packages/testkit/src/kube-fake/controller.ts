import { createHash } from "node:crypto";
import type { KubeObject } from "./server";
import { RESOURCE_TYPES } from "./resources";

export interface ControllerFaults {
  neverReady: Set<string>;
  crashLoop: Map<string, number>;
}

export interface ControllerApi {
  list(kind: string, namespace?: string): KubeObject[];
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  put(object: KubeObject): KubeObject;
  remove(kind: string, namespace: string | undefined, name: string): void;
}

const HOSTNAME = "kubernetes.io/hostname";

/**
 * One pass of the fake's controllers: namespace lifecycle, Deployment → Pod rollout (one Pod
 * per replica, replaced when the template changes), garbage collection of orphaned Pods, the
 * scheduler, the kubelet's Pod status and the Deployment's status. Writes trigger another pass
 * until nothing changes.
 */
export function reconcile(api: ControllerApi, faults: ControllerFaults): void {
  for (const ns of api.list("Namespace")) {
    if (!ns.status?.phase) api.put({ ...ns, status: { phase: "Active" } });
    if (ns.status?.phase === "Terminating") {
      const content = RESOURCE_TYPES.filter((t) => t.namespaced).flatMap((t) => api.list(t.kind, ns.metadata.name));
      for (const object of content) api.remove(object.kind, ns.metadata.name, object.metadata.name);
      if (!content.length) api.remove("Namespace", undefined, ns.metadata.name);
    }
  }

  const deployments = api.list("Deployment");
  const uids = new Set(deployments.map((d) => d.metadata.uid));
  for (const pod of api.list("Pod")) {
    const owner = pod.metadata.ownerReferences as Array<{ uid: string }> | undefined;
    if (owner?.length && !uids.has(owner[0]!.uid)) api.remove("Pod", pod.metadata.namespace, pod.metadata.name);
  }

  for (const deployment of deployments) rollOut(api, deployment, faults);
  schedulePods(api);
  for (const pod of api.list("Pod")) updatePodStatus(api, pod, faults);
  for (const deployment of api.list("Deployment")) updateDeploymentStatus(api, deployment);
}

function templateHash(deployment: KubeObject): string {
  return createHash("sha256").update(JSON.stringify(deployment.spec?.template ?? {})).digest("hex").slice(0, 10);
}

function podsOf(api: ControllerApi, deployment: KubeObject): KubeObject[] {
  return api.list("Pod", deployment.metadata.namespace).filter((p) => (p.metadata.ownerReferences as Array<{ uid: string }> | undefined)?.[0]?.uid === deployment.metadata.uid);
}

function rollOut(api: ControllerApi, deployment: KubeObject, faults: ControllerFaults): void {
  void faults;
  const hash = templateHash(deployment);
  const replicas = deployment.spec?.replicas ?? 1;
  const pods = podsOf(api, deployment);
  for (const pod of pods) if (pod.metadata.labels?.["pod-template-hash"] !== hash) api.remove("Pod", pod.metadata.namespace, pod.metadata.name);
  const current = pods.filter((p) => p.metadata.labels?.["pod-template-hash"] === hash);
  for (let i = current.length; i < replicas; i++) {
    const suffix = createHash("sha256").update(`${deployment.metadata.uid}/${hash}/${i}`).digest("hex").slice(0, 5);
    const template = deployment.spec?.template ?? {};
    api.put({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${deployment.metadata.name}-${hash}-${suffix}`,
        namespace: deployment.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash },
        annotations: template.metadata?.annotations,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name, uid: deployment.metadata.uid!, controller: true }],
      },
      spec: structuredClone(template.spec ?? {}),
      status: { phase: "Pending" },
    });
  }
}

function hostPortsOf(pod: KubeObject): number[] {
  return ((pod.spec?.containers ?? []) as Array<{ ports?: Array<{ hostPort?: number }> }>).flatMap((c) => (c.ports ?? []).map((p) => p.hostPort).filter((p): p is number => typeof p === "number"));
}

function antiAffinityTerms(pod: KubeObject): Array<{ matchLabels: Record<string, string>; namespaces?: string[] }> {
  const terms = pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  return (terms as Array<{ topologyKey?: string; labelSelector?: { matchLabels?: Record<string, string> } }>)
    .filter((t) => t.topologyKey === HOSTNAME)
    .map((t) => ({ matchLabels: t.labelSelector?.matchLabels ?? {} }));
}

function matches(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function schedulePods(api: ControllerApi): void {
  const nodes = api.list("Node");
  for (const pod of api.list("Pod")) {
    if (pod.spec?.nodeName) continue;
    const placed = api.list("Pod").filter((p) => p.spec?.nodeName);
    const terms = antiAffinityTerms(pod);
    const ports = hostPortsOf(pod);
    const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
    const fits = nodes.filter((node) => {
      if (!matches(node.metadata.labels, selector)) return false;
      const onNode = placed.filter((p) => p.spec.nodeName === node.metadata.name);
      if (terms.some((t) => onNode.some((p) => p.metadata.namespace === pod.metadata.namespace && matches(p.metadata.labels, t.matchLabels)))) return false;
      return !onNode.some((p) => hostPortsOf(p).some((port) => ports.includes(port)));
    });
    if (!fits.length) {
      const message = `0/${nodes.length} nodes are available: ${terms.length ? "node(s) didn't match pod anti-affinity rules" : ports.length ? "node(s) didn't have free ports for the requested pod ports" : "node(s) didn't match Pod's node affinity/selector"}.`;
      api.put({ ...pod, status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message }] } });
      continue;
    }
    // Least loaded node first, then by name: deterministic spreading.
    const load = (name: string) => placed.filter((p) => p.spec.nodeName === name).length;
    const node = [...fits].sort((a, b) => load(a.metadata.name) - load(b.metadata.name) || a.metadata.name.localeCompare(b.metadata.name))[0]!;
    api.put({ ...pod, spec: { ...pod.spec, nodeName: node.metadata.name } });
  }
}

function deploymentOf(pod: KubeObject): string | undefined {
  return (pod.metadata.ownerReferences as Array<{ name: string }> | undefined)?.[0]?.name;
}

function updatePodStatus(api: ControllerApi, pod: KubeObject, faults: ControllerFaults): void {
  const nodeName = pod.spec?.nodeName as string | undefined;
  if (!nodeName) return;
  const node = api.get("Node", undefined, nodeName);
  const hostIP = (node?.status?.addresses as Array<{ type: string; address: string }> | undefined)?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.1";
  const hostNetwork = pod.spec?.hostNetwork === true;
  const digest = createHash("sha256").update(`${pod.metadata.namespace}/${pod.metadata.name}`).digest();
  const podIP = hostNetwork ? hostIP : `10.8.${digest[0]}.${Math.max(1, digest[1]!)}`;
  const owner = deploymentOf(pod) ?? "";
  const restarts = faults.crashLoop.get(owner);
  const ready = !faults.neverReady.has(owner) && restarts === undefined;
  const containers = ((pod.spec?.containers ?? []) as Array<{ name: string; image: string }>).map((c) => ({
    name: c.name,
    image: c.image,
    ready,
    restartCount: restarts ?? 0,
    started: restarts === undefined,
    state: restarts === undefined ? { running: { startedAt: "2026-01-01T00:00:00Z" } } : { waiting: { reason: "CrashLoopBackOff", message: `back-off restarting failed container ${c.name}` } },
  }));
  const condition = (type: string, value: boolean) => ({ type, status: value ? "True" : "False" });
  api.put({
    ...pod,
    status: {
      phase: "Running",
      hostIP,
      podIP,
      podIPs: [{ ip: podIP }],
      conditions: [condition("PodScheduled", true), condition("Initialized", true), condition("ContainersReady", ready), condition("Ready", ready)],
      containerStatuses: containers,
    },
  });
}

function updateDeploymentStatus(api: ControllerApi, deployment: KubeObject): void {
  const hash = templateHash(deployment);
  const replicas = deployment.spec?.replicas ?? 1;
  const pods = podsOf(api, deployment);
  const updated = pods.filter((p) => p.metadata.labels?.["pod-template-hash"] === hash);
  const ready = updated.filter((p) => (p.status?.conditions as Array<{ type: string; status: string }> | undefined)?.some((c) => c.type === "Ready" && c.status === "True"));
  const complete = ready.length >= replicas;
  api.put({
    ...deployment,
    status: {
      observedGeneration: deployment.metadata.generation,
      replicas: pods.length,
      updatedReplicas: updated.length,
      readyReplicas: ready.length,
      availableReplicas: ready.length,
      ...(ready.length < replicas ? { unavailableReplicas: replicas - ready.length } : {}),
      conditions: [
        { type: "Available", status: complete ? "True" : "False", reason: complete ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable" },
        { type: "Progressing", status: "True", reason: complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated" },
      ],
    },
  });
}

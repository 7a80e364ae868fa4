import { existsSync, readFileSync } from "node:fs";
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, type KubernetesObject } from "@kubernetes/client-node";
import { ConfigError, UpstreamError, type Clock, type Logger } from "@chainops/shared";
import { formatDuration } from "@chainops/shared/config";
import { FIELD_MANAGER, type Manifest } from "./manifests";

/** The Kubernetes calls deploy-network makes, through @kubernetes/client-node. */
export interface Kube {
  /** Server-side apply with our field manager; changed is false when the server wrote nothing. */
  apply(manifest: Manifest): Promise<{ changed: boolean; object: KubeObject }>;
  read(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]>;
  /** false when it was already gone. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<boolean>;
  /** Resolves on the next change after resourceVersion to objects at a list path (watch), or after `ms` on the clock. */
  nextChange(path: string, resourceVersion: string | undefined, ms: number): Promise<void>;
}

export type KubeObject = KubernetesObject & { spec?: any; status?: any; data?: Record<string, string> };

/** Opens the cluster named by a kubeconfig file; a missing or unreadable file is a ConfigError. */
export function kubeFromKubeconfig(path: string | undefined, options: { input?: string; clock: Clock }): Kube {
  const input = options.input ?? "kubeconfig";
  if (!path) throw new ConfigError(input, "is required: the path of the cluster's kubeconfig (or set KUBECONFIG)", { example: "~/.kube/config" });
  if (!existsSync(path)) throw new ConfigError(input, "names a file that does not exist", { value: path, example: "~/.kube/config" });
  const kc = new KubeConfig();
  try {
    kc.loadFromString(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new ConfigError(input, `is not a kubeconfig: ${(cause as Error).message}`, { value: path, example: "~/.kube/config", cause });
  }
  if (!kc.getCurrentCluster()) throw new ConfigError(input, "has no current context with a cluster", { value: path, example: "~/.kube/config" });
  return kubeFromConfig(kc, options.clock);
}

export function kubeFromConfig(kc: KubeConfig, clock: Clock): Kube {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const server = kc.getCurrentCluster()?.server ?? "the cluster";
  const fail = (what: string, error: unknown): never => {
    if (error instanceof ApiException) {
      const body = typeof error.body === "string" ? safeJson(error.body) : error.body;
      const message = (body as { message?: string } | undefined)?.message ?? String(error.body).slice(0, 200);
      throw new UpstreamError(`Kubernetes refused to ${what}: HTTP ${error.code}: ${message}`, {
        hint: error.code === 401 || error.code === 403 ? "Check the kubeconfig's credentials and their RBAC permissions." : "Nothing after this object was applied; fix the cause and run again (apply is idempotent).",
        cause: error,
      });
    }
    const reason = (error as Error).message ?? String(error);
    throw new UpstreamError(`Could not reach the Kubernetes API at ${server} to ${what}: ${reason}`, {
      retryable: true,
      hint: "Check that the cluster is up and the kubeconfig's server address is reachable from this runner.",
      cause: error,
    });
  };
  const isNotFound = (error: unknown) => error instanceof ApiException && error.code === 404;
  const header = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

  return {
    async apply(manifest) {
      const what = `apply ${manifest.kind} ${manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ""}${manifest.metadata.name}`;
      const before = await this.read(manifest.apiVersion, manifest.kind, manifest.metadata.namespace, manifest.metadata.name);
      try {
        const object = (await api.patch(structuredClone(manifest) as KubernetesObject, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply)) as KubeObject;
        return { changed: before?.metadata?.resourceVersion !== object.metadata?.resourceVersion, object };
      } catch (error) {
        return fail(what, error);
      }
    },
    async read(apiVersion, kind, namespace, name) {
      try {
        return (await api.read(header(apiVersion, kind, namespace, name))) as KubeObject;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        return fail(`read ${kind} ${name}`, error);
      }
    },
    async list(apiVersion, kind, namespace, labelSelector) {
      try {
        const list = await api.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
        return list.items as KubeObject[];
      } catch (error) {
        if (isNotFound(error)) return [];
        return fail(`list ${kind}`, error);
      }
    },
    async remove(apiVersion, kind, namespace, name) {
      try {
        await api.delete(header(apiVersion, kind, namespace, name), undefined, undefined, undefined, undefined, "Background");
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        return fail(`delete ${kind} ${name}`, error);
      }
    },
    async nextChange(path, resourceVersion, ms) {
      let controller: AbortController | undefined;
      const changed = new Promise<void>((resolve) => {
        void new Watch(kc)
          .watch(path, { allowWatchBookmarks: false, ...(resourceVersion ? { resourceVersion } : {}) }, () => resolve(), () => resolve())
          .then((c) => { controller = c; })
          .catch(() => resolve());
      });
      try {
        await Promise.race([changed, clock.sleep(ms)]);
      } finally {
        controller?.abort();
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  clock: Clock;
  logger: Logger;
  /** How often to print where the rollout stands (default 10 s). */
  progressMs?: number;
}

/** Why a Deployment is not Ready yet, from its status and its pods' conditions (Unschedulable, CrashLoopBackOff…). */
export async function deploymentProblem(kube: Kube, namespace: string, name: string): Promise<string> {
  const deployment = await kube.read("apps/v1", "Deployment", namespace, name);
  if (!deployment) return "it does not exist";
  const pods = await kube.list("v1", "Pod", namespace, `app.kubernetes.io/instance=${name}`);
  const details = pods.map((pod) => {
    const waiting = (pod.status?.containerStatuses ?? []).map((c: any) => c.state?.waiting?.reason).filter(Boolean);
    const unscheduled = (pod.status?.conditions ?? []).find((c: any) => c.type === "PodScheduled" && c.status === "False");
    const restarts = (pod.status?.containerStatuses ?? []).reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0);
    const parts = [pod.status?.phase ?? "Pending"];
    if (unscheduled) parts.push(`${unscheduled.reason}: ${unscheduled.message}`);
    if (waiting.length) parts.push(waiting.join(", "));
    if (restarts) parts.push(`${restarts} restarts`);
    if (!unscheduled && !waiting.length) parts.push("not Ready (readiness probe failing)");
    return `pod ${pod.metadata?.name}: ${parts.join("; ")}`;
  });
  const s = deployment.status ?? {};
  return `${s.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1} ready${details.length ? `; ${details.join("; ")}` : "; no pod yet"}`;
}

function isReady(deployment: KubeObject | undefined): boolean {
  if (!deployment) return false;
  const replicas = deployment.spec?.replicas ?? 1;
  const s = deployment.status ?? {};
  return (s.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) >= replicas && (s.readyReplicas ?? 0) >= replicas && (s.replicas ?? 0) <= replicas;
}

/**
 * Waits until a Deployment's rollout is complete and Ready: the watch wakes it on each change,
 * the clock bounds it, and a progress line goes out every progressMs. On timeout it says why.
 */
export async function waitDeploymentReady(kube: Kube, namespace: string, name: string, options: WaitOptions): Promise<void> {
  const start = options.clock.now();
  const progressMs = options.progressMs ?? 10_000;
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments?fieldSelector=metadata.name=${name}`;
  for (;;) {
    const deployment = await kube.read("apps/v1", "Deployment", namespace, name);
    if (isReady(deployment)) return;
    const elapsed = options.clock.now() - start;
    if (elapsed >= options.timeoutMs) {
      throw new UpstreamError(`${name} did not become Ready within ${formatDuration(options.timeoutMs)}: ${await deploymentProblem(kube, namespace, name)}`, {
        hint: `Look at the pod: kubectl -n ${namespace} describe pod -l app.kubernetes.io/instance=${name}; kubectl -n ${namespace} logs deploy/${name}. Nothing after ${name} was changed.`,
      });
    }
    const s = deployment?.status ?? {};
    if (elapsed > 0) options.logger.info(`  waiting for ${name}: ${s.readyReplicas ?? 0}/${deployment?.spec?.replicas ?? 1} ready after ${formatDuration(elapsed)}`);
    await kube.nextChange(path, deployment?.metadata?.resourceVersion, Math.min(progressMs, options.timeoutMs - elapsed));
  }
}

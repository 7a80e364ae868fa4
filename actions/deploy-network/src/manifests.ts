import { createHash } from "node:crypto";
import { ConfigError } from "@chainops/shared";
import { Deployment } from "kubernetes-models/apps/v1";
import type { IServicePort, IVolume, IVolumeMount } from "kubernetes-models/v1";
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { CONFIG_DIR, DATA_DIR, PORTS, POET_CONFIG_DIR } from "./node-config";
import { formatCpu, formatMemory } from "./quantities";

/** A manifest as applied: plain JSON with apiVersion, kind and metadata. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

export const FIELD_MANAGER = "chainops-deploy-network";
export const NETWORK_LABEL = "spacemesh.io/network";
export const ROLE_LABEL = "spacemesh.io/role";
export const INSTANCE_LABEL = "app.kubernetes.io/instance";
export const CONFIG_HASH_ANNOTATION = "spacemesh.io/config-sha256";

export type Role = "bootnode" | "smesher" | "poet";

export interface Resources {
  cpuMilli: number;
  memoryMiB: number;
}

function labelsOf(network: string, name: string, role: Role | "namespace" | "web"): Record<string, string> {
  return {
    "app.kubernetes.io/name": role === "poet" ? "poet" : role === "web" ? "web" : "go-spacemesh",
    [INSTANCE_LABEL]: name,
    "app.kubernetes.io/part-of": network,
    "app.kubernetes.io/managed-by": "chainops",
    [NETWORK_LABEL]: network,
    [ROLE_LABEL]: role,
  };
}

function resourcesOf(r: Resources) {
  const values = { cpu: formatCpu(r.cpuMilli), memory: formatMemory(r.memoryMiB) };
  return { requests: values, limits: values };
}

export function namespaceManifest(network: string, name: string, annotations: Record<string, string> = {}): Manifest {
  return new Namespace({ metadata: { name, labels: { "app.kubernetes.io/managed-by": "chainops", [NETWORK_LABEL]: network }, ...(Object.keys(annotations).length ? { annotations } : {}) } }).toJSON() as Manifest;
}

export function configMapManifest(network: string, namespace: string, name: string, owner: string, data: Record<string, string>): Manifest {
  const labels = { ...labelsOf(network, owner, "smesher"), [ROLE_LABEL]: "config" };
  return new ConfigMap({ metadata: { name, namespace, labels }, data }).toJSON() as Manifest;
}

export function secretManifest(network: string, namespace: string, name: string, owner: string, data: Record<string, string>): Manifest {
  const labels = { ...labelsOf(network, owner, "smesher"), [ROLE_LABEL]: "key" };
  return new Secret({ metadata: { name, namespace, labels }, type: "Opaque", data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])) }).toJSON() as Manifest;
}

/** A headless Service per node, as the upstream system tests do. */
export function nodeServiceManifest(network: string, namespace: string, name: string, role: Role): Manifest {
  const ports: IServicePort[] =
    role === "poet"
      ? [{ name: "rest", port: PORTS.poetService, targetPort: "rest", protocol: "TCP" }]
      : [
          { name: "p2p", port: PORTS.p2p, targetPort: "p2p", protocol: "TCP" },
          { name: "grpc-pub", port: PORTS.grpcPublic, targetPort: "grpc-pub", protocol: "TCP" },
          { name: "grpc-json", port: PORTS.json, targetPort: "grpc-json", protocol: "TCP" },
        ];
  // PoETs get a ClusterIP Service so http://poet-0:80 maps to the container's 8080; nodes are headless.
  return new Service({
    metadata: { name, namespace, labels: labelsOf(network, name, role) },
    spec: { ...(role === "poet" ? {} : { clusterIP: "None" }), selector: { [INSTANCE_LABEL]: name, [NETWORK_LABEL]: network }, ports },
  }).toJSON() as Manifest;
}

export interface NodeDeploymentSpec {
  network: string;
  namespace: string;
  name: string;
  role: "bootnode" | "smesher";
  image: string;
  resources: Resources;
  configMap: string;
  configSha256: string;
  /** The Secret holding p2p.key (bootnodes). */
  p2pSecret?: string;
}

/**
 * One go-spacemesh node: a one-replica Deployment (Recreate, so two pods never share a data dir
 * or identity). Bootnodes take a host port and a required anti-affinity to each other: libp2p
 * discovery fails through NodePorts, and one VM loss must not take every bootnode down.
 */
export function nodeDeploymentManifest(spec: NodeDeploymentSpec): Manifest {
  const labels = labelsOf(spec.network, spec.name, spec.role);
  const selector = { [INSTANCE_LABEL]: spec.name, [NETWORK_LABEL]: spec.network };
  const bootnode = spec.role === "bootnode";
  const volumes: IVolume[] = [
    { name: "config", configMap: { name: spec.configMap } },
    { name: "data", emptyDir: {} },
  ];
  const mounts: IVolumeMount[] = [
    { name: "config", mountPath: CONFIG_DIR, readOnly: true },
    { name: "data", mountPath: DATA_DIR },
  ];
  if (spec.p2pSecret) {
    volumes.push({ name: "p2p-key", secret: { secretName: spec.p2pSecret, defaultMode: 0o600 } });
    mounts.push({ name: "p2p-key", mountPath: `${DATA_DIR}/p2p/p2p.key`, subPath: "p2p.key", readOnly: true });
  }
  return new Deployment({
    metadata: { name: spec.name, namespace: spec.namespace, labels },
    spec: {
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: { [CONFIG_HASH_ANNOTATION]: spec.configSha256, "prometheus.io/scrape": "true", "prometheus.io/port": String(PORTS.metrics) } },
        spec: {
          ...(bootnode
            ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { [NETWORK_LABEL]: spec.network, [ROLE_LABEL]: "bootnode" } } }] } } }
            : {}),
          containers: [
            {
              name: "go-spacemesh",
              image: spec.image,
              imagePullPolicy: "IfNotPresent",
              command: ["/bin/go-spacemesh"],
              args: ["--config", `${CONFIG_DIR}/config.json`, "--metrics", "--metrics-port", String(PORTS.metrics)],
              ports: [
                { name: "p2p", containerPort: PORTS.p2p, protocol: "TCP", ...(bootnode ? { hostPort: PORTS.p2p } : {}) },
                { name: "grpc-pub", containerPort: PORTS.grpcPublic, protocol: "TCP" },
                { name: "grpc-priv", containerPort: PORTS.grpcPrivate, protocol: "TCP" },
                { name: "grpc-json", containerPort: PORTS.json, protocol: "TCP" },
                { name: "metrics", containerPort: PORTS.metrics, protocol: "TCP" },
              ],
              readinessProbe: { tcpSocket: { port: "grpc-json" }, initialDelaySeconds: 10, periodSeconds: 10 },
              resources: resourcesOf(spec.resources),
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  }).toJSON() as unknown as Manifest;
}

export interface PoetDeploymentSpec {
  network: string;
  namespace: string;
  name: string;
  image: string;
  resources: Resources;
  configMap: string;
  configSha256: string;
  keySecret: string;
}

/** A PoET server: its key from a Secret as POET_PRIVATE_KEY, its config from a ConfigMap; readiness is /v1/info. */
export function poetDeploymentManifest(spec: PoetDeploymentSpec): Manifest {
  const labels = labelsOf(spec.network, spec.name, "poet");
  return new Deployment({
    metadata: { name: spec.name, namespace: spec.namespace, labels },
    spec: {
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: { [INSTANCE_LABEL]: spec.name, [NETWORK_LABEL]: spec.network } },
      template: {
        metadata: { labels, annotations: { [CONFIG_HASH_ANNOTATION]: spec.configSha256 } },
        spec: {
          containers: [
            {
              name: "poet",
              image: spec.image,
              imagePullPolicy: "IfNotPresent",
              args: ["-c", `${POET_CONFIG_DIR}/poet.conf`, "--datadir", "/data"],
              env: [{ name: "POET_PRIVATE_KEY", valueFrom: { secretKeyRef: { name: spec.keySecret, key: "POET_PRIVATE_KEY" } } }],
              ports: [{ name: "rest", containerPort: PORTS.poetRest, protocol: "TCP" }],
              readinessProbe: { httpGet: { path: "/v1/info", port: "rest" }, periodSeconds: 10 },
              resources: resourcesOf(spec.resources),
              volumeMounts: [
                { name: "config", mountPath: POET_CONFIG_DIR, readOnly: true },
                { name: "data", mountPath: "/data" },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: spec.configMap } },
            { name: "data", emptyDir: {} },
          ],
        },
      },
    },
  }).toJSON() as unknown as Manifest;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/Deployment": Deployment,
  "networking.k8s.io/v1/Ingress": Ingress,
};

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

/**
 * Checks a manifest against the Kubernetes OpenAPI schema (kubernetes-models) and what the
 * schema does not cover: names, selector ⊆ template labels, port names and numbers, and that
 * Service targetPorts name ports the pods have. Throws a ConfigError naming the object.
 * `pods` are the Deployments the Service may select (validateManifests indexes them).
 */
export function validateManifest(manifest: Manifest, pods: Manifest[] = []): void {
  const instance = (manifest.spec as { selector?: Record<string, string> } | undefined)?.selector?.[INSTANCE_LABEL];
  const workloads = manifest.kind === "Service" ? pods.filter((p) => p.kind === "Deployment" && (instance === undefined || p.metadata.name === instance || (p.spec as any)?.template?.metadata?.labels?.[INSTANCE_LABEL] === instance)) : [];
  const id = `${manifest.kind} ${manifest.metadata?.namespace ? `${manifest.metadata.namespace}/` : ""}${manifest.metadata?.name}`;
  const fail = (problem: string): never => {
    throw new ConfigError(`manifest ${id}`, problem, { hint: "This is a bug in the manifest templates or a chart: nothing was applied." });
  };
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) fail(`has a kind chainops does not apply (${manifest.apiVersion} ${manifest.kind})`);
  try {
    new Model!(manifest).validate();
  } catch (error) {
    fail(`does not validate against the Kubernetes schema: ${(error as Error).message}`);
  }
  const name = manifest.metadata.name;
  const labelNamed = ["Namespace", "Service"].includes(manifest.kind);
  if (!(labelNamed ? DNS_1123_LABEL : DNS_1123_SUBDOMAIN).test(name)) fail(`has a name that is not a DNS-1123 ${labelNamed ? "label" : "subdomain"}`);
  for (const [key, value] of Object.entries(manifest.metadata.labels ?? {})) {
    if (!/^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(key) || !/^([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/.test(value)) fail(`has an invalid label ${key}=${value}`);
  }
  if (manifest.kind === "Deployment") {
    const spec = manifest.spec as { selector?: { matchLabels?: Record<string, string> }; template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number; hostPort?: number }> }> } } };
    const selector = spec.selector?.matchLabels ?? {};
    const labels = spec.template?.metadata?.labels ?? {};
    if (!Object.keys(selector).length) fail("has an empty selector");
    for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) fail(`selects ${key}=${value}, which its pod template does not carry`);
    const names = new Set<string>();
    for (const port of (spec.template?.spec?.containers ?? []).flatMap((c) => c.ports ?? [])) {
      if (port.name !== undefined && (!PORT_NAME.test(port.name) || names.has(port.name))) fail(`has a bad or repeated port name ${port.name}`);
      if (port.name) names.add(port.name);
      for (const n of [port.containerPort, port.hostPort]) if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 65535)) fail(`has a port number out of range: ${n}`);
    }
  }
  if (manifest.kind === "Service") {
    const spec = manifest.spec as { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number; targetPort?: string | number }> };
    const selected = workloads.filter((p) => p.metadata.namespace === manifest.metadata.namespace && Object.entries(spec.selector ?? {}).every(([k, v]) => (p.spec as any).template?.metadata?.labels?.[k] === v));
    for (const port of spec.ports ?? []) {
      if (!(port.port >= 1 && port.port <= 65535)) fail(`has a port out of range: ${port.port}`);
      if (typeof port.targetPort === "string" && selected.length) {
        const has = selected.some((d) => ((d.spec as any).template?.spec?.containers ?? []).some((c: { ports?: Array<{ name?: string }> }) => (c.ports ?? []).some((p) => p.name === port.targetPort)));
        if (!has) fail(`targets port ${port.targetPort}, which no selected pod has`);
      }
    }
  }
}

/** Validates a set of manifests, each Service against the Deployments it selects (indexed, so 10 000 nodes stay fast). */
export function validateManifests(manifests: Manifest[]): void {
  const byInstance = new Map<string, Manifest[]>();
  for (const m of manifests) {
    if (m.kind !== "Deployment") continue;
    const key = `${m.metadata.namespace}/${(m.spec as any)?.template?.metadata?.labels?.[INSTANCE_LABEL] ?? ""}`;
    byInstance.set(key, [...(byInstance.get(key) ?? []), m]);
  }
  const all = manifests.filter((m) => m.kind === "Deployment");
  for (const m of manifests) {
    const instance = (m.spec as { selector?: Record<string, string> } | undefined)?.selector?.[INSTANCE_LABEL];
    validateManifest(m, m.kind !== "Service" ? [] : instance === undefined ? all : (byInstance.get(`${m.metadata.namespace}/${instance}`) ?? []));
  }
}

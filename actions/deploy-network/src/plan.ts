import { ConfigError } from "@chainops/shared";
import { genesisId } from "@chainops/shared/chains/spacemesh";
import { INPUTS, type PlanningConfig } from "./config";
import { discoveryEntry, type DiscoveryEntry } from "./discovery-entry";
import {
  configMapManifest,
  namespaceManifest,
  nodeDeploymentManifest,
  nodeServiceManifest,
  poetDeploymentManifest,
  secretManifest,
  sha256,
  validateManifests,
  type Manifest,
  type Resources,
} from "./manifests";
import { bootnodeIdentity, p2pSecretName, poetIdentity, poetSecretName, type KeySource } from "./network-keys";
import { nodeConfig, poetConfig, PORTS, type NetworkParameters, type PoetServer } from "./node-config";
import { ceilDiv, formatCpu, formatMemory } from "./quantities";

/** What the cluster already holds of the network (empty for a new one). */
export interface NetworkState {
  exists: boolean;
  genesisTime?: string;
  extraData?: string;
  smeshers: number[];
}

export const NO_NETWORK: NetworkState = { exists: false, smeshers: [] };

export interface PlannedNode {
  name: string;
  role: "bootnode" | "smesher" | "poet";
  image: string;
  cpu: string;
  memory: string;
  placement: string;
  ports: string[];
  config: string;
  poet?: string;
  coinbase?: string;
  peerId?: string;
}

export interface PlannedRecord {
  name: string;
  type: "A" | "CNAME";
  content: string;
  proxied: boolean;
  /** Known after scheduling (a bootnode's host IP). */
  pending?: string;
}

export interface PlannedKey {
  secret: string;
  key: string;
  for: string;
  kind: string;
  state: "generate" | "keep";
}

export interface NetworkPlan {
  network: string;
  namespace: string;
  bootstrap: boolean;
  genesis: { time: string; extraData: string; genesisId: string };
  cluster: { provider: "existing" | "gke"; machineType: string; machineCpu: string; machineMemory: string; totalCpu: string; totalMemory: string; nodeCount: number; sizedBy: string };
  nodes: PlannedNode[];
  bootnodes: { inCluster: string[]; published: string[] };
  poets: PoetServer[];
  keys: PlannedKey[];
  configs: Record<string, unknown>;
  dns: PlannedRecord[];
  discovery?: DiscoveryEntry;
  objects: string[];
}

export interface PlanContext {
  config: PlanningConfig;
  /** Milliseconds since the epoch (the injected clock). */
  now: number;
  state: NetworkState;
  keys: KeySource;
  /** The published config's URL (discovery `conf`). */
  confUrl: string;
  /** add-miner: the smesher number to add. */
  addMiner?: number;
  /** upgrade/add-miner: exactly these smeshers (the ones the cluster has), not the miners input's count. */
  smeshers?: number[];
}

export interface PlanResult {
  plan: NetworkPlan;
  /** In apply order: namespaces, keys and configs, bootnodes, PoETs, smeshers. */
  manifests: Manifest[];
  /** The config home smeshers download (written to the bucket). */
  publishedConfig?: Record<string, unknown>;
}

export const PUBLISHED_CONFIG = "published.json";

/** Node count: max(⌈CPU / machine CPU⌉, ⌈memory / machine memory⌉, one per bootnode), at least 1; integers only, no overflow. */
export function nodeCountFor(pods: Resources[], machine: { cpuMilli: number; memoryMiB: number }, bootnodes: number): { count: number; cpuMilli: number; memoryMiB: number; sizedBy: string } {
  const cpuMilli = pods.reduce((sum, p) => sum + p.cpuMilli, 0);
  const memoryMiB = pods.reduce((sum, p) => sum + p.memoryMiB, 0);
  const byCpu = ceilDiv(cpuMilli, machine.cpuMilli);
  const byMemory = ceilDiv(memoryMiB, machine.memoryMiB);
  const count = Math.max(byCpu, byMemory, bootnodes, 1);
  const sizedBy = count === byCpu && byCpu >= byMemory ? "cpu" : count === byMemory ? "memory" : count === bootnodes ? "one node per bootnode" : "minimum";
  return { count, cpuMilli, memoryMiB, sizedBy };
}

/**
 * Everything create/upgrade/add-miner would do, computed without touching anything: the objects
 * (typed and validated), the generated configs, the keys (names only in the plan), DNS records
 * and the discovery entry. Deterministic given the clock, the state and the key source.
 */
export function buildPlan(context: PlanContext): PlanResult {
  const { config, state } = context;
  const network = config.network;
  const namespace = network;
  const genesisMs = state.genesisTime ? Date.parse(state.genesisTime) : (config.genesisTime ?? context.now + config.genesisDelay);
  if (!state.genesisTime && config.bootstrap && genesisMs <= context.now) {
    throw new ConfigError(INPUTS.genesisTime, "is in the past: a new network's genesis must be in the future", { value: new Date(genesisMs).toISOString(), example: new Date(context.now + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") });
  }
  const genesisTime = new Date(genesisMs).toISOString().replace(/\.\d+Z$/, "Z");
  const extraData = state.extraData ?? config.genesisExtraData ?? network;
  const epochMs = config.layerDuration * config.layersPerEpoch;
  const parameters: NetworkParameters = {
    genesisTime,
    extraData,
    layerDurationMs: config.layerDuration,
    layersPerEpoch: config.layersPerEpoch,
    phaseShiftMs: config.poetPhaseShift ?? Math.floor(epochMs / 2),
    cycleGapMs: config.poetCycleGap ?? Math.floor(epochMs / 4),
    preset: config.preset,
    minPeers: config.minPeers,
    privateNetwork: config.privateNetwork,
    postNumUnits: config.postNumUnits,
  };
  if (config.domain && !config.dnsTarget && config.bootstrap) {
    throw new ConfigError(INPUTS.dnsTarget, "is required with domain: the API records point at it (the ingress or load balancer address)", { example: "203.0.113.10" });
  }

  const bootnodeNames = Array.from({ length: config.bootnodes }, (_, i) => `bootnode-${i}`);
  const smesherCount = config.bootstrap ? config.miners - config.bootnodes : 0;
  const wanted = context.smeshers ?? Array.from({ length: smesherCount }, (_, i) => i);
  const smesherNumbers = [...new Set([...wanted, ...state.smeshers, ...(context.addMiner === undefined ? [] : [context.addMiner])])].sort((a, b) => a - b);
  const poetNames = config.bootstrap ? Array.from({ length: config.poets }, (_, i) => `poet-${i}`) : [];

  const keys: PlannedKey[] = [];
  const secrets = new Map<string, Record<string, string>>();
  const identities = bootnodeNames.map((name) => {
    const identity = bootnodeIdentity(context.keys, name);
    keys.push({ secret: p2pSecretName(name), key: "p2p.key", for: name, kind: "libp2p ed25519 identity", state: identity.reused ? "keep" : "generate" });
    secrets.set(p2pSecretName(name), { "p2p.key": identity.keyFile });
    return { name, peerId: identity.peerId };
  });
  const poets: PoetServer[] = poetNames.map((name) => {
    const identity = poetIdentity(context.keys, name);
    keys.push({ secret: poetSecretName(name), key: "POET_PRIVATE_KEY", for: name, kind: "PoET ed25519 service key", state: identity.reused ? "keep" : "generate" });
    secrets.set(poetSecretName(name), { POET_PRIVATE_KEY: identity.privateKeyBase64 });
    return { address: `http://${name}:${PORTS.poetService}`, pubkey: identity.publicKeyBase64 };
  });

  const inCluster = identities.map((b) => `/dns4/${b.name}.${namespace}.svc.cluster.local/tcp/${PORTS.p2p}/p2p/${b.peerId}`);
  const published = config.domain ? identities.map((b) => `/dns4/${b.name}-${network}.${config.domain}/tcp/${PORTS.p2p}/p2p/${b.peerId}`) : inCluster;
  const bootnodeBootnodes = config.bootstrap ? inCluster : config.externalBootnodes;

  const configs: Record<string, unknown> = {};
  const nodes: PlannedNode[] = [];
  const manifests: Manifest[] = [];
  const configManifests: Manifest[] = [];
  const deployments: { bootnodes: Manifest[]; poets: Manifest[]; smeshers: Manifest[] } = { bootnodes: [], poets: [], smeshers: [] };
  const services: Manifest[] = [];
  const nodeResources = (role: "bootnode" | "smesher" | "poet"): Resources =>
    role === "bootnode" ? { cpuMilli: config.bootnodeCpu, memoryMiB: config.bootnodeMemory } : role === "poet" ? { cpuMilli: config.poetCpu, memoryMiB: config.poetMemory } : { cpuMilli: config.smesherCpu, memoryMiB: config.smesherMemory };
  const planned: Resources[] = [];

  for (const { name, peerId } of identities) {
    const file = `${name}.json`;
    const body = nodeConfig(parameters, { bootnode: true, smeshing: false, bootnodes: bootnodeBootnodes.filter((a) => !a.endsWith(`/p2p/${peerId}`)), poetServers: poets });
    configs[file] = body;
    const text = `${JSON.stringify(body, null, 2)}\n`;
    configManifests.push(configMapManifest(network, namespace, `${name}-config`, name, { "config.json": text }));
    const resources = nodeResources("bootnode");
    planned.push(resources);
    deployments.bootnodes.push(nodeDeploymentManifest({ network, namespace, name, role: "bootnode", image: config.image, resources, configMap: `${name}-config`, configSha256: sha256(text), p2pSecret: p2pSecretName(name) }));
    services.push(nodeServiceManifest(network, namespace, name, "bootnode"));
    nodes.push({ name, role: "bootnode", image: config.image, cpu: formatCpu(resources.cpuMilli), memory: formatMemory(resources.memoryMiB), placement: `one per Kubernetes node (anti-affinity), host port ${PORTS.p2p}`, ports: nodePorts(true), config: file, peerId });
  }
  poetNames.forEach((name) => {
    const file = `${name}.conf`;
    const text = poetConfig(parameters);
    configs[file] = text;
    configManifests.push(configMapManifest(network, namespace, `${name}-config`, name, { "poet.conf": text }));
    const resources = nodeResources("poet");
    planned.push(resources);
    deployments.poets.push(poetDeploymentManifest({ network, namespace, name, image: config.poetImage, resources, configMap: `${name}-config`, configSha256: sha256(text), keySecret: poetSecretName(name) }));
    services.push(nodeServiceManifest(network, namespace, name, "poet"));
    nodes.push({ name, role: "poet", image: config.poetImage, cpu: formatCpu(resources.cpuMilli), memory: formatMemory(resources.memoryMiB), placement: "any node", ports: [`rest ${PORTS.poetRest} (service ${PORTS.poetService})`], config: file });
  });
  for (const number of smesherNumbers) {
    const name = `smesher-${number}`;
    const file = `${name}.json`;
    // Round robin: smesher n uses PoET n mod P.
    const poet = poets[number % poets.length]!;
    const coinbase = config.coinbases[number % config.coinbases.length]!;
    const body = nodeConfig(parameters, { bootnode: false, smeshing: true, coinbase, bootnodes: inCluster, poetServers: [poet] });
    configs[file] = body;
    const text = `${JSON.stringify(body, null, 2)}\n`;
    configManifests.push(configMapManifest(network, namespace, `${name}-config`, name, { "config.json": text }));
    const resources = nodeResources("smesher");
    planned.push(resources);
    deployments.smeshers.push(nodeDeploymentManifest({ network, namespace, name, role: "smesher", image: config.image, resources, configMap: `${name}-config`, configSha256: sha256(text) }));
    services.push(nodeServiceManifest(network, namespace, name, "smesher"));
    nodes.push({ name, role: "smesher", image: config.image, cpu: formatCpu(resources.cpuMilli), memory: formatMemory(resources.memoryMiB), placement: "any node", ports: nodePorts(false), config: file, poet: poetNames[number % poets.length], coinbase });
  }

  let publishedConfig: Record<string, unknown> | undefined;
  if (config.bootstrap) {
    // What home smeshers download: every PoET, in a fixed order, and the public bootnode addresses.
    publishedConfig = nodeConfig(parameters, { bootnode: false, smeshing: false, bootnodes: published, poetServers: poets });
    configs[PUBLISHED_CONFIG] = publishedConfig;
  }

  const namespaceAnnotations: Record<string, string> = config.bootstrap ? { "spacemesh.io/genesis-time": genesisTime, "spacemesh.io/genesis-extra-data": extraData } : { "spacemesh.io/genesis-time": genesisTime };
  const namespaces = [namespaceManifest(network, namespace, namespaceAnnotations), ...(config.bootstrap ? [namespaceManifest(network, `${network}-logs`), namespaceManifest(network, `${network}-metrics`)] : [])];
  const secretManifests = [...secrets].map(([name, data]) => secretManifest(network, namespace, name, name.replace(/-(p2p|key)$/, ""), data));
  manifests.push(...namespaces, ...secretManifests, ...configManifests, ...services, ...deployments.bootnodes, ...deployments.poets, ...deployments.smeshers);
  validateManifests(manifests);

  const size = nodeCountFor(planned, config.machineType, config.bootnodes);
  const dns: PlannedRecord[] = [];
  if (config.domain && config.bootstrap) {
    const target = config.dnsTarget!;
    const type = /^\d{1,3}(\.\d{1,3}){3}$/.test(target) ? "A" : "CNAME";
    for (const [prefix, proxied] of [["api", false], ["api-json", false], ["dash-api", true], ["explorer-api", true]] as const) {
      dns.push({ name: `${prefix}-${network}.${config.domain}`, type, content: target, proxied });
    }
    for (const b of identities) dns.push({ name: `${b.name}-${network}.${config.domain}`, type: "A", content: "", proxied: false, pending: `host IP of ${b.name}` });
  }
  const id = genesisId(genesisTime, extraData);
  return {
    plan: {
      network,
      namespace,
      bootstrap: config.bootstrap,
      genesis: { time: genesisTime, extraData, genesisId: id },
      cluster: {
        provider: config.cluster,
        machineType: config.machineType.name,
        machineCpu: formatCpu(config.machineType.cpuMilli),
        machineMemory: formatMemory(config.machineType.memoryMiB),
        totalCpu: formatCpu(size.cpuMilli),
        totalMemory: formatMemory(size.memoryMiB),
        nodeCount: size.count,
        sizedBy: size.sizedBy,
      },
      nodes,
      bootnodes: { inCluster, published: config.bootstrap ? published : [] },
      poets,
      keys,
      configs,
      dns,
      discovery: config.bootstrap ? discoveryEntry(config, id, context.confUrl) : undefined,
      objects: manifests.map((m) => `${m.kind}/${m.metadata.namespace ? `${m.metadata.namespace}/` : ""}${m.metadata.name}`),
    },
    manifests,
    publishedConfig,
  };
}

function nodePorts(bootnode: boolean): string[] {
  return [`p2p ${PORTS.p2p}${bootnode ? " (host port)" : ""}`, `grpc-public ${PORTS.grpcPublic}`, `grpc-private ${PORTS.grpcPrivate}`, `json ${PORTS.json}`, `metrics ${PORTS.metrics}`];
}

/** A manifest for showing (plan files, demo): Secret values replaced, never printed. */
export function redacted(manifest: Manifest): Manifest {
  if (manifest.kind !== "Secret") return manifest;
  const data = manifest.data as Record<string, string> | undefined;
  return { ...manifest, data: Object.fromEntries(Object.keys(data ?? {}).map((k) => [k, "<generated at apply; never shown>"])) };
}

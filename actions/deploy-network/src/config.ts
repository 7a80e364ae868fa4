import { z } from "zod";
import { ConfigError } from "@chainops/shared";
import { field, parseDuration, parseInputs, zBool, zDuration, zInt, zList, zParsed, zPattern, zHttpUrl, type RawInputs } from "@chainops/shared/config";
import { checkExtraData, publicKeyOfPeerId } from "@chainops/shared/chains/spacemesh";
import { machineType, type MachineType } from "./machine-types";
import { parseCpu, parseMemory } from "./quantities";

export const COMMANDS = ["plan", "create", "add-miner", "delete-miner", "upgrade", "delete", "deploy-ws", "rewards", "hosts", "list", "watch"] as const;
export type Command = (typeof COMMANDS)[number];

/** Input names, one place: action.yml, the CLI flags and the docs use these. */
export const INPUTS = {
  command: "command",
  network: "network",
  store: "store",
  discoveryKey: "discovery-key",
  configsPrefix: "configs-prefix",
  publicBaseUrl: "public-base-url",
  kubeconfig: "kubeconfig",
  cluster: "cluster",
  gkeProject: "gke-project",
  gkeLocation: "gke-location",
  machineType: "machine-type",
  miners: "miners",
  bootnodes: "bootnodes",
  bootstrap: "bootstrap",
  externalBootnodes: "external-bootnodes",
  poets: "poets",
  genesisDelay: "genesis-delay",
  genesisTime: "genesis-time",
  genesisExtraData: "genesis-extra-data",
  layerDuration: "layer-duration",
  layersPerEpoch: "layers-per-epoch",
  poetPhaseShift: "poet-phase-shift",
  poetCycleGap: "poet-cycle-gap",
  preset: "preset",
  minPeers: "min-peers",
  privateNetwork: "private-network",
  image: "image",
  poetImage: "poet-image",
  smesherCpu: "smesher-cpu",
  smesherMemory: "smesher-memory",
  bootnodeCpu: "bootnode-cpu",
  bootnodeMemory: "bootnode-memory",
  poetCpu: "poet-cpu",
  poetMemory: "poet-memory",
  postNumUnits: "post-num-units",
  coinbases: "coinbases",
  domain: "domain",
  dnsTarget: "dns-target",
  cloudflareZoneId: "cloudflare-zone-id",
  minerNumber: "miner-number",
  readyTimeout: "ready-timeout",
  keepLogsMetrics: "keep-logs-metrics",
  chartRepo: "chart-repo",
  charts: "charts",
  helm: "helm",
  explorerUrl: "explorer-url",
  dashUrl: "dash-url",
  minSmappRelease: "min-smapp-release",
  latestSmappRelease: "latest-smapp-release",
  smappBaseDownloadUrl: "smapp-base-download-url",
  nodeApiUrl: "node-api-url",
  accounts: "accounts",
  stuckChecks: "stuck-checks",
  metricsFile: "metrics-file",
  leaseTtl: "lease-ttl",
} as const;

export const OUTPUTS = ["result", "network", "genesis-id", "plan", "node-count", "changed", "hosts", "networks", "rewards", "alerts", "failed-node"] as const;

const DNS_LABEL = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._/-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
const ADDRESS = /^[a-z]{1,20}1[02-9ac-hj-np-z]{20,90}$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const MULTIADDR = /^\/(dns4|dns6|dns|ip4|ip6)\/[A-Za-z0-9.:-]+\/tcp\/\d{1,5}\/p2p\/(12D3KooW[1-9A-HJ-NP-Za-km-z]{44})$/;
const CHART_ENTRY = /^(dash-backend|explorer-backend|collector|public-api)=([A-Za-z0-9._/-]+)(@([A-Za-z0-9._+-]+))?$/;

/** Which charted web service is which. */
export const WEB_SERVICES = ["dash-backend", "explorer-backend", "collector", "public-api"] as const;
export type WebService = (typeof WEB_SERVICES)[number];

function zQuantity(parse: (text: string, input: string) => number, example: string) {
  return zParsed(parse, example);
}

/** Every input and how it is checked; each operation takes the ones it uses (OPERATION_FIELDS). */
const fields = {
  network: zPattern(DNS_LABEL, "a DNS label of at most 40 characters (lower-case letters, digits and -, starting with a letter)", "devnet-42"),
  store: field(z.string().min(1), { example: "gs://spacemesh-ops/networks" }),
  discoveryKey: zPattern(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\.json$/, "a store key ending in .json", "networks.json").default("networks.json"),
  configsPrefix: zPattern(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a store folder", "configs").default("configs"),
  publicBaseUrl: zHttpUrl("https://configs.spacemesh.network").optional(),
  kubeconfig: field(z.string().min(1), { example: "~/.kube/config" }).optional(),
  cluster: field(z.enum(["existing", "gke"]).default("existing"), { example: "gke" }),
  gkeProject: zPattern(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a GCP project ID", "spacemesh-testnets").optional(),
  gkeLocation: zPattern(/^[a-z]+-[a-z]+\d(-[a-z])?$/, "a GCP region or zone", "us-east1").optional(),
  machineType: zParsed((text, input) => machineType(text, input), "e2-standard-8").default(machineType("e2-standard-8")),
  miners: zInt({ min: 2, max: 10_000 }).default(10),
  bootnodes: zInt({ min: 0, max: 100 }).default(2),
  bootstrap: zBool().default(true),
  externalBootnodes: zList(zPattern(MULTIADDR, "a bootnode multiaddr /dns4/<host>/tcp/<port>/p2p/<peer ID>", "/dns4/bootnode-0.devnet-1.example.org/tcp/7513/p2p/12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf")).default([]),
  poets: zInt({ min: 1, max: 16 }).default(1),
  genesisDelay: zParsed((text, input) => {
    if (text.trim().startsWith("-")) throw new ConfigError(input, "is in the past: genesis must come after the network is up", { value: text, example: "30m" });
    return (zDurationParse(text, input));
  }, "30m").default(30 * 60_000),
  genesisTime: zParsed((text, input) => {
    const ms = Date.parse(text.trim());
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text.trim()) || !Number.isFinite(ms)) throw new ConfigError(input, "is not an RFC3339 time", { value: text, example: "2026-03-01T12:00:00Z" });
    return ms;
  }, "2026-03-01T12:00:00Z").optional(),
  genesisExtraData: zParsed((text, input) => checkExtraData(text.trim(), input), "devnet-42").optional(),
  layerDuration: zDuration({ min: 5_000, max: 24 * 3_600_000, example: "1m" }).default(60_000),
  layersPerEpoch: zInt({ min: 2, max: 100_000 }).default(60),
  poetPhaseShift: zDuration({ min: 1_000, example: "30m" }).optional(),
  poetCycleGap: zDuration({ min: 1_000, example: "15m" }).optional(),
  preset: field(z.enum(["fastnet", "testnet"]).optional(), { example: "fastnet" }),
  minPeers: zInt({ min: 0, max: 1000 }).default(3),
  privateNetwork: zBool().default(true),
  image: zPattern(IMAGE, "an image reference (registry/name:tag)", "spacemeshos/go-spacemesh:v1.7.6").default("spacemeshos/go-spacemesh:v1.7.6"),
  poetImage: zPattern(IMAGE, "an image reference (registry/name:tag)", "spacemeshos/poet:v0.10.10").default("spacemeshos/poet:v0.10.10"),
  smesherCpu: zQuantity(parseCpu, "2").default(2000),
  smesherMemory: zQuantity(parseMemory, "4Gi").default(4096),
  bootnodeCpu: zQuantity(parseCpu, "1").default(1000),
  bootnodeMemory: zQuantity(parseMemory, "2Gi").default(2048),
  poetCpu: zQuantity(parseCpu, "1").default(1000),
  poetMemory: zQuantity(parseMemory, "2Gi").default(2048),
  postNumUnits: zInt({ min: 1, max: 1_000_000 }).default(4),
  coinbases: zList(zPattern(ADDRESS, "a bech32 account address", "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv"), { example: "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv" }).default([]),
  domain: zPattern(DOMAIN, "a domain name", "spacemesh.network").optional(),
  dnsTarget: zPattern(/^[A-Za-z0-9.-]{1,253}$/, "an IPv4 address or host name", "203.0.113.10").optional(),
  cloudflareZoneId: zPattern(/^[0-9a-f]{32}$/, "a Cloudflare zone ID (32 hex characters)", "023e105f4ecef8ad9ca31a8372d0c353").optional(),
  minerNumber: zInt({ min: 0, max: 10_000 }).optional(),
  readyTimeout: zDuration({ min: 1_000, example: "10m" }).default(10 * 60_000),
  keepLogsMetrics: zBool().default(false),
  chartRepo: zHttpUrl("https://spacemeshos.github.io/charts").optional(),
  charts: zList(zPattern(CHART_ENTRY, `service=chart[@version] with service one of ${WEB_SERVICES.join(", ")}`, "dash-backend=dash-backend@1.2.0")).default([]),
  helm: z.string().default("helm"),
  explorerUrl: zHttpUrl("https://explorer.spacemesh.io").optional(),
  dashUrl: zHttpUrl("https://dash.spacemesh.io").optional(),
  minSmappRelease: zPattern(/^\d+\.\d+\.\d+([-+][A-Za-z0-9.-]+)?$/, "a version", "1.6.0").default("1.6.0"),
  latestSmappRelease: zPattern(/^\d+\.\d+\.\d+([-+][A-Za-z0-9.-]+)?$/, "a version", "1.6.0").default("1.6.0"),
  smappBaseDownloadUrl: zHttpUrl("https://smapp.spacemesh.network/dist").default("https://smapp.spacemesh.network/dist"),
  nodeApiUrl: zPattern(/^https?:\/\/[A-Za-z0-9.{}:_/-]+$/, "a URL template with {pod-ip}, {host-ip} or {name}", "http://{pod-ip}:9095").default("http://{pod-ip}:9095"),
  accounts: zList(zPattern(ADDRESS, "a bech32 account address", "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv")).default([]),
  stuckChecks: zInt({ min: 2, max: 100 }).default(3),
  metricsFile: z.string().optional(),
  leaseTtl: zDuration({ min: 60_000, example: "2h" }).default(2 * 3_600_000),
};

function zDurationParse(text: string, input: string): number {
  const ms = parseDuration(text, input);
  if (ms < 60_000) throw new ConfigError(input, "must be at least 1m: the pods need time to start before genesis", { value: text, example: "30m" });
  return ms;
}

type FieldName = keyof typeof fields;

const PLANNING: FieldName[] = [
  "network", "machineType", "miners", "bootnodes", "bootstrap", "externalBootnodes", "poets", "genesisDelay", "genesisTime", "genesisExtraData",
  "layerDuration", "layersPerEpoch", "poetPhaseShift", "poetCycleGap", "preset", "minPeers", "privateNetwork", "image", "poetImage",
  "smesherCpu", "smesherMemory", "bootnodeCpu", "bootnodeMemory", "poetCpu", "poetMemory", "postNumUnits", "coinbases", "domain", "dnsTarget",
  "store", "discoveryKey", "configsPrefix", "publicBaseUrl", "explorerUrl", "dashUrl", "minSmappRelease", "latestSmappRelease", "smappBaseDownloadUrl",
  "cluster", "gkeProject", "gkeLocation", "kubeconfig",
];
const APPLYING: FieldName[] = [...PLANNING, "cloudflareZoneId", "readyTimeout", "leaseTtl"];
const CLUSTER: FieldName[] = ["network", "kubeconfig", "nodeApiUrl"];

/** The inputs each operation reads: one schema per operation. */
export const OPERATION_FIELDS: Record<Command, FieldName[]> = {
  plan: PLANNING,
  create: APPLYING,
  upgrade: APPLYING,
  "add-miner": [...APPLYING, "minerNumber"],
  "delete-miner": [...CLUSTER, "minerNumber", "store", "leaseTtl", "readyTimeout"],
  delete: [...CLUSTER, "store", "discoveryKey", "keepLogsMetrics", "domain", "cloudflareZoneId", "leaseTtl", "genesisExtraData", "readyTimeout"],
  "deploy-ws": [...APPLYING, "chartRepo", "charts", "helm"],
  rewards: [...CLUSTER, "accounts", "coinbases"],
  hosts: CLUSTER,
  list: ["store", "discoveryKey"],
  watch: [...CLUSTER, "store", "stuckChecks", "metricsFile"],
};

const schemas = Object.fromEntries(
  COMMANDS.map((command) => [command, z.object(Object.fromEntries(OPERATION_FIELDS[command].map((name) => [name, fields[name]])))]),
) as Record<Command, z.ZodObject>;

type AllFields = { [K in FieldName]: z.output<(typeof fields)[K]> };

export interface NetworkConfig extends Partial<AllFields> {
  command: Command;
}

/** A config with every planning field set (what plan/create/upgrade/add-miner get). */
export type PlanningConfig = NetworkConfig & Pick<AllFields, (typeof PLANNING)[number]> & { machineType: MachineType };

/**
 * Checks the inputs of one operation, up front: a bad value stops the run before anything is
 * read from or written to the cluster, DNS or the bucket.
 */
export function loadNetworkConfig(raw: RawInputs): NetworkConfig {
  const command = String(raw.command ?? "").trim();
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new ConfigError(INPUTS.command, `must be one of ${COMMANDS.join(", ")}`, { value: raw.command, example: "plan" });
  }
  const parsed = parseInputs(schemas[command as Command], raw, { inputNames: INPUTS }) as Partial<AllFields>;
  const config = { ...parsed, command: command as Command } as NetworkConfig;
  if (OPERATION_FIELDS[config.command].includes("miners")) checkPlanning(config as PlanningConfig);
  if (config.command === "delete-miner" && config.minerNumber === undefined) {
    throw new ConfigError(INPUTS.minerNumber, "is required for delete-miner", { example: "3" });
  }
  return config;
}

function checkPlanning(config: PlanningConfig): void {
  if (config.bootstrap) {
    if (config.bootnodes < 1) throw new ConfigError(INPUTS.bootnodes, "must be at least 1 when bootstrap is true (the network needs its own bootnodes)", { value: config.bootnodes, example: "2" });
    if (config.miners < config.bootnodes + 1) {
      throw new ConfigError(INPUTS.miners, `must be at least bootnodes + 1 (${config.bootnodes + 1}): miners counts the bootnodes and at least one smesher`, { value: config.miners, example: String(config.bootnodes + 8) });
    }
    if (config.coinbases.length === 0) throw new ConfigError(INPUTS.coinbases, "is required: every smesher needs a coinbase account", { example: "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv" });
  } else {
    if (config.externalBootnodes.length === 0) {
      throw new ConfigError(INPUTS.externalBootnodes, "is required when bootstrap is false: the new bootnodes join these", { example: "/dns4/bootnode-0.devnet-1.example.org/tcp/7513/p2p/12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf" });
    }
    for (const address of config.externalBootnodes) publicKeyOfPeerId(address.split("/p2p/")[1]!, INPUTS.externalBootnodes);
    if (config.genesisTime === undefined) throw new ConfigError(INPUTS.genesisTime, "is required when bootstrap is false: it is the existing network's genesis", { example: "2026-03-01T12:00:00Z" });
    if (config.bootnodes < 1) throw new ConfigError(INPUTS.bootnodes, "must be at least 1: bootstrap false adds bootnodes to a network", { value: config.bootnodes, example: "2" });
  }
  const epochMs = config.layerDuration * config.layersPerEpoch;
  const phaseShift = config.poetPhaseShift ?? Math.floor(epochMs / 2);
  const cycleGap = config.poetCycleGap ?? Math.floor(epochMs / 4);
  if (phaseShift >= epochMs) throw new ConfigError(INPUTS.poetPhaseShift, "must be shorter than an epoch (layer-duration × layers-per-epoch)", { value: config.poetPhaseShift, example: "30m" });
  if (cycleGap >= epochMs) throw new ConfigError(INPUTS.poetCycleGap, "must be shorter than an epoch (layer-duration × layers-per-epoch)", { value: config.poetCycleGap, example: "15m" });
  if (config.cluster === "gke" && (!config.gkeProject || !config.gkeLocation)) {
    throw new ConfigError(config.gkeProject ? INPUTS.gkeLocation : INPUTS.gkeProject, "is required with cluster: gke", { example: config.gkeProject ? "us-east1" : "spacemesh-testnets" });
  }
}

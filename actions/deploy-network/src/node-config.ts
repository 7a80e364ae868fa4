import { goDuration } from "./quantities";

/** Ports of a go-spacemesh node (as the upstream system tests use them) and of a PoET. */
export const PORTS = { p2p: 7513, grpcPublic: 9092, grpcPrivate: 9093, grpcPost: 9094, json: 9095, metrics: 1010, poetRest: 8080, poetService: 80 } as const;

export const DATA_DIR = "/data";
export const CONFIG_DIR = "/etc/spacemesh";
export const POET_CONFIG_DIR = "/etc/poet";

export interface NetworkParameters {
  genesisTime: string;
  extraData: string;
  layerDurationMs: number;
  layersPerEpoch: number;
  phaseShiftMs: number;
  cycleGapMs: number;
  preset?: string;
  minPeers: number;
  privateNetwork: boolean;
  postNumUnits: number;
}

export interface PoetServer {
  address: string;
  pubkey: string;
}

export interface NodeRole {
  bootnode: boolean;
  /** Only smeshers smesh; bootnodes and the published config do not. */
  smeshing: boolean;
  coinbase?: string;
  bootnodes: string[];
  poetServers: PoetServer[];
}

/**
 * A go-spacemesh node config (JSON, read with viper and mapstructure's ErrorUnused: an unknown
 * or deprecated key, such as main.poet-server, makes the node refuse it). Sections and keys
 * follow config.mainnet.json and the system tests' preset files.
 */
export function nodeConfig(network: NetworkParameters, role: NodeRole): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (network.preset) config.preset = network.preset;
  config.main = {
    "data-folder": DATA_DIR,
    "layer-duration": goDuration(network.layerDurationMs),
    "layers-per-epoch": network.layersPerEpoch,
    ...(role.poetServers.length ? { "poet-servers": role.poetServers.map((p) => ({ address: p.address, pubkey: p.pubkey })) } : {}),
  };
  config.poet = { "phase-shift": goDuration(network.phaseShiftMs), "cycle-gap": goDuration(network.cycleGapMs) };
  config.genesis = { "genesis-time": network.genesisTime, "genesis-extra-data": network.extraData };
  config.api = {
    "grpc-public-listener": `0.0.0.0:${PORTS.grpcPublic}`,
    "grpc-private-listener": `0.0.0.0:${PORTS.grpcPrivate}`,
    "grpc-json-listener": `0.0.0.0:${PORTS.json}`,
  };
  config.p2p = {
    bootnodes: role.bootnodes,
    "p2p-bootnode": role.bootnode,
    "p2p-private-network": network.privateNetwork,
    "min-peers": network.minPeers,
  };
  config.smeshing = role.smeshing
    ? {
        "smeshing-start": true,
        "smeshing-coinbase": role.coinbase,
        "smeshing-opts": { "smeshing-opts-datadir": `${DATA_DIR}/post`, "smeshing-opts-numunits": network.postNumUnits },
      }
    : { "smeshing-start": false };
  config.logging = { "log-encoder": "json" };
  return config;
}

/**
 * A PoET config file (go-flags ini, as the system tests' poet.conf): its rounds follow
 * genesis-time, epoch-duration = layer duration × layers per epoch, and phase-shift/cycle-gap
 * equal the nodes' poet.* values.
 */
export function poetConfig(network: NetworkParameters): string {
  const lines = [
    `genesis-time="${network.genesisTime}"`,
    `epoch-duration="${goDuration(network.layerDurationMs * network.layersPerEpoch)}"`,
    `phase-shift="${goDuration(network.phaseShiftMs)}"`,
    `cycle-gap="${goDuration(network.cycleGapMs)}"`,
    `restlisten="0.0.0.0:${PORTS.poetRest}"`,
    `jsonlog="true"`,
  ];
  return `${lines.join("\n")}\n`;
}

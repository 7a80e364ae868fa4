import { expect, it } from "vitest";
import { describeConformance, readConformanceJson } from "@chainops/testkit";
import { planFor } from "./plan-fixtures";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// The go-spacemesh config keys chainops writes, as their mapstructure tags read in go-spacemesh's
// config/config.go, p2p/host.go, activation/*.go and api/grpcserver/config.go. The node decodes with
// ErrorUnused, so any other key (such as the deprecated main.poet-server) makes it refuse the file.
const KNOWN_KEYS = new Set([
  "preset",
  "main.data-folder", "main.layer-duration", "main.layers-per-epoch", "main.poet-servers",
  "poet.phase-shift", "poet.cycle-gap",
  "genesis.genesis-time", "genesis.genesis-extra-data",
  "api.grpc-public-listener", "api.grpc-private-listener", "api.grpc-json-listener",
  "p2p.bootnodes", "p2p.p2p-bootnode", "p2p.p2p-private-network", "p2p.min-peers",
  "smeshing.smeshing-start", "smeshing.smeshing-coinbase", "smeshing.smeshing-opts.smeshing-opts-datadir", "smeshing.smeshing-opts.smeshing-opts-numunits",
  "logging.log-encoder",
]);

function typeOf(value: Json): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** Every leaf key path ("a.b.c") of a config, arrays counted as leaves. */
function paths(value: Json, prefix = ""): Map<string, Json> {
  const out = new Map<string, Json>();
  if (typeOf(value) === "object") {
    for (const [key, inner] of Object.entries(value as Record<string, Json>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.set(path, inner);
      for (const [p, v] of paths(inner, path)) out.set(p, v);
    }
  }
  return out;
}

const GO_DURATION = /^(\d+h)?(\d+m)?(\d+s)?$/;

describeConformance("generated node configs load the way go-spacemesh reads them", () => {
  const mainnet = readConformanceJson<Json>("spacemesh/config.mainnet.json");
  const systest = readConformanceJson<Json>("spacemesh/go-spacemesh.systest-fastnet-smesher.json");
  const upstream = new Map([...paths(mainnet), ...paths(systest)]);
  const upstreamSections = new Set([...Object.keys(mainnet as object), ...Object.keys(systest as object)]);
  const plans = [
    planFor({ network: "devnet-3", miners: "5", bootnodes: "2", poets: "2", domain: "example.org", "dns-target": "203.0.113.10" }),
    planFor({ network: "fastnet-1", miners: "3", bootnodes: "1", preset: "fastnet", "layer-duration": "15s", "layers-per-epoch": "4" }),
  ];
  const configs = plans.flatMap(({ plan }) => Object.entries(plan.configs).filter(([file]) => file.endsWith(".json")).map(([file, body]) => [`${plan.network}/${file}`, body as Json] as const));

  it("writes only keys go-spacemesh knows, and none that are deprecated", () => {
    expect(paths(mainnet).has("main.poet-server")).toBe(true); // the 2023 file still has the old list
    for (const [file, config] of configs) {
      const leaves = [...paths(config)].filter(([, v]) => typeOf(v) !== "object").map(([p]) => p);
      for (const path of leaves) expect(KNOWN_KEYS.has(path), `${file}: ${path}`).toBe(true);
      expect(paths(config).has("main.poet-server"), file).toBe(false);
    }
  });

  it("keeps the key structure of config.mainnet.json and the system tests' preset file", () => {
    for (const [file, config] of configs) {
      for (const section of Object.keys(config as object)) expect(upstreamSections.has(section), `${file}: section ${section}`).toBe(true);
      for (const [path, value] of paths(config)) {
        if (upstream.has(path) && path !== "main.poet-server") expect(`${path}: ${typeOf(value)}`, file).toBe(`${path}: ${typeOf(upstream.get(path)!)}`);
      }
    }
  });

  it("has the genesis keys, Go durations, and poet-servers with address and pubkey", () => {
    for (const [file, config] of configs) {
      const c = config as any;
      expect(Date.parse(c.genesis["genesis-time"]), file).toBeGreaterThan(0);
      expect(c.genesis["genesis-time"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(c.genesis["genesis-extra-data"].length).toBeGreaterThan(0);
      for (const d of [c.main["layer-duration"], c.poet["phase-shift"], c.poet["cycle-gap"]]) expect(d, file).toMatch(GO_DURATION);
      for (const server of c.main["poet-servers"] ?? []) {
        expect(Object.keys(server)).toEqual(["address", "pubkey"]);
        expect(new URL(server.address).protocol).toBe("http:");
        expect(Buffer.from(server.pubkey, "base64")).toHaveLength(32);
      }
      if (c.smeshing["smeshing-start"]) {
        expect(c.smeshing["smeshing-coinbase"]).toMatch(/^stest1/);
        expect(c.main["poet-servers"]).toHaveLength(1);
      }
    }
  });

  it("gives every PoET the epoch and phases the nodes use", () => {
    const { plan } = plans[0]!;
    const node = plan.configs["smesher-0.json"] as any;
    const poet = String(plan.configs["poet-0.conf"]);
    expect(poet).toContain(`genesis-time="${node.genesis["genesis-time"]}"`);
    expect(poet).toContain('epoch-duration="1h"'); // 1m × 60 layers
    expect(poet).toContain(`phase-shift="${node.poet["phase-shift"]}"`);
    expect(poet).toContain(`cycle-gap="${node.poet["cycle-gap"]}"`);
  });
});

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import Ajv from "ajv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, ManualClock, NotFoundError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { createOctezRpc, freshNodeConfig, historyModeName, isBlockHash, OCTEZ_NETWORK_ALIASES, withHeadlessNode } from "@chainops/shared/chains/octez";
import { createOctezDataDir, describeConformance, installFakeOctezNode, readConformanceJson, startOctezSim, type OctezSim } from "@chainops/testkit";

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }>>; components: unknown };

/** OpenAPI 3.0's `nullable: true` as JSON Schema: also allow null. */
function fromOpenApi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromOpenApi);
  if (typeof value !== "object" || value === null) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, fromOpenApi(v)]));
  return nullable === true ? { anyOf: [{ type: "null" }, converted] } : converted;
}

/** The 200 response schema of a path in an OpenAPI doc, with the doc's components for its $refs. */
function responseSchema(doc: OpenApi, path: string): Record<string, unknown> {
  const schema = doc.paths[path]?.get?.responses["200"]?.content["application/json"]?.schema;
  if (!schema) throw new Error(`no GET 200 schema for ${path}`);
  return fromOpenApi({ ...schema, components: doc.components }) as Record<string, unknown>;
}

describe("octez simulator and RPC client", () => {
  let clock: ManualClock;
  let sim: OctezSim;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    sim = await startOctezSim({ clock, network: "ghostnet", headLevel: 1000 });
  });
  afterEach(() => sim.close());

  it("reads the target block's own level, hash and timestamp (head~2 is not head)", async () => {
    const rpc = createOctezRpc({ url: sim.url, clock });
    const head = await rpc.header("head");
    const target = await rpc.header("head~2");
    expect(head.level).toBe(1000);
    expect(target.level).toBe(998);
    expect(isBlockHash(target.hash)).toBe(true);
    expect(target.hash).not.toBe(head.hash);
    expect(Date.parse(head.timestamp) - Date.parse(target.timestamp)).toBe(2 * sim.chain.blockIntervalMs);
    expect((await rpc.header(998)).hash).toBe(target.hash);
    expect((await rpc.header(target.hash)).level).toBe(998);
    expect((await rpc.header(head.hash)).predecessor).toBe((await rpc.header(999)).hash);
  });

  it("advances the chain on the injected clock, and a reorg changes hashes from that level up", async () => {
    const rpc = createOctezRpc({ url: sim.url, clock });
    const before = await rpc.header(995);
    clock.advance(10 * sim.chain.blockIntervalMs);
    expect((await rpc.header("head")).level).toBe(1010);
    sim.chain.reorgFrom(996);
    expect((await rpc.header(995)).hash).toBe(before.hash);
    expect((await rpc.header(996)).predecessor).toBe(before.hash);
    await expect(rpc.header(1011)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers /version and is_bootstrapped", async () => {
    const rpc = createOctezRpc({ url: sim.url, clock });
    const version = await rpc.version();
    expect(version.network_version.chain_name).toBe("TEZOS_ITHACANET_2022-01-25T15:00:00Z");
    expect(version.version.additional_info).toBe("release");
    expect(await rpc.isBootstrapped()).toEqual({ bootstrapped: true, sync_state: "synced" });
    sim.setBootstrapped(false);
    expect(await rpc.isBootstrapped()).toEqual({ bootstrapped: false, sync_state: "unsynced" });
  });

  it("retries transport errors, on the injected clock", async () => {
    const logger = new RecordingLogger();
    const rpc = createOctezRpc({ url: sim.url, clock, logger });
    sim.dropConnections(2);
    const t0 = clock.now();
    expect((await rpc.header("head")).level).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => r.path === "/chains/main/blocks/head/header")).toHaveLength(3);
    expect(logger.messages("warning").join("\n")).toContain("GET /chains/main/blocks/head/header failed (attempt 1 of 4)");
    expect(clock.now()).toBeGreaterThanOrEqual(t0);
  });

  it("does not retry an HTTP error, and names the RPC and the node", async () => {
    const rpc = createOctezRpc({ url: sim.url, clock });
    const error = await rpc.header("BLockGenesisGenesisGenesisGenesisGenesisf79b5d1CoW2").catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain("GET /chains/main/blocks/BLockGenesisGenesisGenesisGenesisGenesisf79b5d1CoW2/header");
    expect(error.message).toContain(sim.url);
    expect(sim.requests).toHaveLength(1);
  });

  it("fails clearly when the node is down, after its retries", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const rpc = createOctezRpc({ url: `http://127.0.0.1:${port}`, clock, attempts: 2 });
    const error = await rpc.version().catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain(`Octez RPC GET /version on http://127.0.0.1:${port} failed: ECONNREFUSED`);
    expect(error.hint).toContain("octez-node is running");
  });

  it("times out a node that accepts but never answers, and retries that", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const port = (hanging.address() as AddressInfo).port;
    let calls = 0;
    hanging.on("request", () => calls++);
    try {
      const rpc = createOctezRpc({ url: `http://127.0.0.1:${port}`, clock, attempts: 2, timeoutMs: 150 });
      const error = await rpc.isBootstrapped().catch((e) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toBe(`Octez RPC GET /chains/main/is_bootstrapped on http://127.0.0.1:${port} failed: timed out after 150ms`);
      expect(calls).toBe(2);
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it("rejects a bad rpc-url and a block id that is not one", () => {
    expect(() => createOctezRpc({ url: "ftp://node:8732" })).toThrow(ConfigError);
    expect(() => createOctezRpc({ url: "not a url" })).toThrow(/rpc-url/);
    const rpc = createOctezRpc({ url: sim.url, clock });
    expect(() => rpc.header("head/../../version")).toThrow(ConfigError);
  });

  describeConformance("simulator answers match the Octez OpenAPI specs", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });

    it("GET /version and /chains/main/is_bootstrapped match rpc-openapi.json", async () => {
      const shell = readConformanceJson<OpenApi>("octez/rpc-openapi.json");
      const version = await fetch(`${sim.url}/version`).then((r) => r.json() as Promise<Record<string, any>>);
      const validateVersion = ajv.compile(responseSchema(shell, "/version"));
      expect(validateVersion(version), JSON.stringify(validateVersion.errors)).toBe(true);
      const bootstrapped = await fetch(`${sim.url}/chains/main/is_bootstrapped`).then((r) => r.json() as Promise<Record<string, any>>);
      const validateBootstrapped = ajv.compile(responseSchema(shell, "/chains/{chain_id}/is_bootstrapped"));
      expect(validateBootstrapped(bootstrapped), JSON.stringify(validateBootstrapped.errors)).toBe(true);
      // And the spec is strict enough to catch a wrong shape.
      expect(validateBootstrapped({ bootstrapped: "yes" })).toBe(false);
      expect(validateVersion({ ...version, commit_info: { commit_hash: 1 } })).toBe(false);
    });

    it("GET /config/history_mode of the simulator and of octez-node run (the fake), /version of the latter; config.json's network names", async () => {
      const shell = readConformanceJson<OpenApi>("octez/rpc-openapi.json");
      const historyMode = ajv.compile(responseSchema(shell, "/config/history_mode"));
      const version = ajv.compile(responseSchema(shell, "/version"));
      for (const mode of ["rolling", "archive", "full"] as const) {
        sim.setHistoryMode(mode);
        const body = await fetch(`${sim.url}/config/history_mode`).then((r) => r.json());
        expect(historyMode(body), JSON.stringify(historyMode.errors)).toBe(true);
        expect(historyModeName((await createOctezRpc({ url: sim.url, clock }).historyMode()).history_mode)).toBe(mode);
      }
      expect(historyMode({ history_mode: { rolling: {} } })).toBe(false);
      const dir = await mkdtemp(join(tmpdir(), "octez-conformance-"));
      try {
        const data = await createOctezDataDir(join(dir, "data"), { size: 16 * 1024, chain: sim.chain, network: "ghostnet" });
        await writeFile(join(dir, "config.json"), freshNodeConfig("ghostnet")!);
        await withHeadlessNode({ binary: await installFakeOctezNode(join(dir, "bin")), dataDir: data.path, configFile: join(dir, "config.json"), logger: new RecordingLogger() }, async (rpc) => {
          const mode = await fetch(`${rpc.url}/config/history_mode`).then((r) => r.json());
          expect(historyMode(mode), JSON.stringify(historyMode.errors)).toBe(true);
          const v = await fetch(`${rpc.url}/version`).then((r) => r.json());
          expect(version(v), JSON.stringify(version.errors)).toBe(true);
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      // The string forms of config.json's network are exactly the names chainops writes as is.
      const config = shell.paths["/config"]!.get!.responses["200"]!.content["application/json"]!.schema as { properties: { network: { oneOf: Array<{ type?: string; enum?: string[] }> } } };
      const names = config.properties.network.oneOf.filter((o) => o.type === "string").flatMap((o) => o.enum ?? []);
      expect([...names].sort()).toEqual([...OCTEZ_NETWORK_ALIASES].sort());
    });

    it("GET …/blocks/<id>/header matches the protocol spec's header", async () => {
      const proto = readConformanceJson<OpenApi>("octez/ushuaia-openapi.json");
      // Paths in the protocol spec are relative to /chains/{chain_id}/blocks/{block_id}.
      const shellPart = ajv.compile(responseSchema(proto, "/header/shell"));
      // The spec's /header lists the genesis protocol's protocol data (content/activate and the
      // genesis protocol hash): a generator artefact. Everything else of it is checked.
      const full = responseSchema(proto, "/header") as { properties: Record<string, unknown>; required: string[] };
      delete full.properties.protocol;
      delete full.properties.content;
      full.required = full.required.filter((name) => name !== "protocol" && name !== "content");
      const header = ajv.compile(full);
      for (const id of ["head", "head~2", "990", sim.chain.block(900).hash]) {
        const body = await fetch(`${sim.url}/chains/main/blocks/${id}/header`).then((r) => r.json() as Promise<Record<string, any>>);
        expect(shellPart(body), JSON.stringify(shellPart.errors)).toBe(true);
        expect(header(body), JSON.stringify(header.errors)).toBe(true);
        expect(body.protocol).toMatch(/^P[1-9A-HJ-NP-Za-km-z]{50}$/);
      }
      expect(header({ ...(await fetch(`${sim.url}/chains/main/blocks/head/header`).then((r) => r.json() as Promise<Record<string, any>>)), level: "1" })).toBe(false);
    });
  });
});

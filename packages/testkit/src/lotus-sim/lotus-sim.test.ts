import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { CarBlockIterator } from "@ipld/car/iterator";
import { CID } from "multiformats/cid";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock } from "@chainops/shared";
import { describeConformance, readConformanceJson, readConformanceText } from "../conformance";
import { installFakeLotus } from "./fake-lotus";
import { startLotusSim, type LotusSim } from "./start-lotus-sim";

let dir: string;
let sim: LotusSim;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lotus-sim-"));
  sim = await startLotusSim({ clock: new ManualClock(Date.UTC(2026, 0, 1)), repoDir: join(dir, "repo"), height: 4000, nullRounds: [3000], exportSize: 256 * 1024 });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function rpc(method: string, params: unknown[] = [], token = sim.adminToken): Promise<{ result?: unknown; error?: { message: string } }> {
  const res = await fetch(sim.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: `Filecoin.${method}`, params }) });
  return (await res.json()) as { result?: unknown };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Same keys and JSON types as the docs' example, recursively (arrays: each item against the first example item). */
function shapeProblems(ours: Json, example: Json, path = "$"): string[] {
  const kind = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (kind(example) === "null") return [];
  if (kind(ours) !== kind(example)) return [`${path}: ${kind(ours)} where the example has ${kind(example)}`];
  if (Array.isArray(example)) return example.length ? (ours as Json[]).flatMap((item, i) => shapeProblems(item, example[0]!, `${path}[${i}]`)) : [];
  if (kind(example) !== "object") return [];
  const a = ours as Record<string, Json>;
  const b = example as Record<string, Json>;
  const missing = Object.keys(b).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
  const extra = Object.keys(a).filter((k) => !(k in b)).map((k) => `${path}.${k}: not in the docs`);
  return [...missing, ...extra, ...Object.keys(b).filter((k) => k in a).flatMap((k) => shapeProblems(a[k]!, b[k]!, `${path}.${k}`))];
}

/** The generator marks Go types with custom JSON (TipSet, big.Int) as closed objects without properties: treat those as opaque. */
function openOpaque(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openOpaque);
  if (!schema || typeof schema !== "object") return schema;
  const s = schema as Record<string, unknown>;
  if (s.additionalProperties === false && !s.properties && !s.items) return {};
  const { examples: _examples, ...rest } = s;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, openOpaque(v)]));
}

/** The Response example of a method in api-methods-v1-stable.md. */
function docExample(markdown: string, method: string): Json {
  const section = markdown.split(`\n### ${method}\n`)[1]!.split("\n### ")[0]!;
  const match = /Response:\s*(?:```json\n([\s\S]*?)```|`([^`]*)`)/.exec(section)!;
  return JSON.parse(match[1] ?? match[2]!) as Json;
}

describeConformance("Lotus simulator answers like Lotus v1", () => {
  const openrpc = readConformanceJson<{ methods: Array<{ name: string; result: { schema: unknown } }> }>("lotus/openrpc-full-v1.json");
  const markdown = readConformanceText("lotus/api-methods-v1-stable.md");
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  it.each([
    ["ChainHead", []],
    ["ChainGetTipSetByHeight", [3000, []]],
    ["SyncState", []],
    ["StateGetNetworkParams", []],
    ["StateNetworkName", []],
  ] as const)("%s matches the OpenRPC result schema and the docs' example", async (method, params) => {
    const { result, error } = await rpc(method, [...params]);
    expect(error).toBeUndefined();
    const spec = openrpc.methods.find((m) => m.name === `Filecoin.${method}`)!;
    const validate = ajv.compile(openOpaque(spec.result.schema) as object);
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(shapeProblems(result as Json, docExample(markdown, method))).toEqual([]);
  });

  it("AuthVerify (not in the OpenRPC document) matches the docs' example: the token's permissions", async () => {
    const admin = (await rpc("AuthVerify", [sim.adminToken])).result as Json;
    expect(shapeProblems(admin, docExample(markdown, "AuthVerify"))).toEqual([]);
    expect(admin).toEqual(["read", "write", "sign", "admin"]);
    // A read method (the docs say so): a read-only token may ask about itself.
    expect(markdown.split("\n### AuthVerify\n")[1]!.split("\n### ")[0]).toMatch(/Perms: read/);
    expect((await rpc("AuthVerify", [sim.readToken], sim.readToken)).result).toEqual(["read"]);
    expect((await rpc("AuthVerify", ["not-a-jwt"])).error?.message).toMatch(/JWT Verification failed/);
  });

  it("Version (not in the OpenRPC document) matches the docs' example", async () => {
    expect(shapeProblems((await rpc("Version")).result as Json, docExample(markdown, "Version"))).toEqual([]);
  });

  it("ChainExportRangeInternal takes the params the docs show and is admin-only", async () => {
    const spec = openrpc.methods.find((m) => m.name === "Filecoin.ChainExportRangeInternal") as unknown as { params: Array<{ schema: { examples: unknown[] } }> };
    const [headKey, tailKey, config] = spec.params.map((p) => p.schema.examples[0]);
    expect(Object.keys(config as object).sort()).toEqual(["IncludeMessages", "IncludeReceipts", "IncludeStateRoots", "NumWorkers", "WriteBufferSize"]);
    expect((await rpc("ChainExportRangeInternal", [headKey, tailKey, config], sim.readToken)).error?.message).toMatch(/missing permission to invoke 'ChainExportRangeInternal' \(need 'admin'\)/);
    // The docs' example keys are not tipsets this chain has.
    expect((await rpc("ChainExportRangeInternal", [headKey, tailKey, config])).error?.message).toMatch(/loading tipset/);
  });
});

it("exports a real CAR v1 named as Lotus names it, roots = head tipset's blocks; a null-round tail starts earlier", async () => {
  const tail = (await rpc("ChainGetTipSetByHeight", [3000, []])).result as { Cids: { "/": string }[]; Height: number };
  const head = (await rpc("ChainGetTipSetByHeight", [3100, []])).result as { Cids: { "/": string }[]; Height: number };
  expect(tail.Height).toBe(2999);
  const answer = await rpc("ChainExportRangeInternal", [head.Cids, tail.Cids, { WriteBufferSize: 5_000_000, NumWorkers: 50, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true }]);
  expect(answer).toMatchObject({ result: null });
  const exported = sim.exports[0]!;
  expect(exported.path).toBe(join(sim.repoDir, `snapshot_2999_3100_${Math.floor(Date.UTC(2026, 0, 1) / 1000)}.car`));
  const bytes = await readFile(exported.path);
  expect(bytes.length).toBe(exported.size);
  expect(bytes.length).toBeGreaterThanOrEqual(256 * 1024);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(exported.sha256);
  const car = await CarBlockIterator.fromIterable(createReadStream(exported.path));
  expect((await car.getRoots()).map(String)).toEqual(head.Cids.map((c) => c["/"]));
  let blocks = 0;
  for await (const block of car) {
    // Content-addressed: every block's sha2-256 digest matches its bytes.
    expect(Buffer.from(block.cid.multihash.digest).toString("hex")).toBe(createHash("sha256").update(block.bytes).digest("hex"));
    blocks++;
  }
  expect(blocks).toBe(exported.blocks);
  expect(CID.parse(head.Cids[0]!["/"]).code).toBe(0x71);
});

it("the fake lotus imports a CAR into $LOTUS_PATH and refuses a broken one", async () => {
  const tail = (await rpc("ChainGetTipSetByHeight", [3500, []])).result as { Cids: unknown };
  const head = (await rpc("ChainHead")).result as { Cids: unknown };
  await rpc("ChainExportRangeInternal", [head.Cids, tail.Cids, { WriteBufferSize: 1, NumWorkers: 1, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true }]);
  const lotus = await installFakeLotus(join(dir, "bin"));
  const repo = join(dir, "new-repo");
  const run = promisify(execFile);
  await run(lotus, ["daemon", "--import-snapshot", sim.exports[0]!.path, "--halt-after-import", "--bootstrap=false"], { env: { LOTUS_PATH: repo } });
  const imported = JSON.parse(await readFile(join(repo, "datastore", "chain", "imported.json"), "utf8"));
  expect(imported).toMatchObject({ roots: sim.exports[0]!.roots, blocks: sim.exports[0]!.blocks, bootstrap: false });
  await expect(run(lotus, ["daemon", "--import-snapshot", join(sim.repoDir, "api"), "--halt-after-import"], { env: { LOTUS_PATH: join(dir, "other") } })).rejects.toMatchObject({ code: 1 });
});

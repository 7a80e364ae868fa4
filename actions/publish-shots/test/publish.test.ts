import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NotReadyError } from "@chainops/shared";
import { readJson, readText } from "@chainops/shared/storage";
import { OctezNodeCli } from "@chainops/shared/chains/octez";
import { RecordingLogger } from "@chainops/shared";
import { describeConformance, describeWithTools, readConformanceJson, slackApi, slackPayload, startCaptureServer } from "@chainops/testkit";
import { createSlack } from "@chainops/shared/notify";
import type { BaseEntry } from "../src/indexes";
import { metadataSchema } from "../src/metadata-schema";
import type { LatestPointer } from "../src/latest-pointers";
import { buildOutputs, buildReport } from "../src/report";
import { run, type PublishResult } from "../src/run";
import { createWorld, expectConsistent, type World } from "./world";

async function bytesOf(world: World, key: string): Promise<Buffer> {
  return readFile(join(world.bucketDir, key));
}

describeWithTools(["lz4", "tar"], "publish-shots: a rolling snapshot and a tarball", ({ lz4, tar }) => {
  let world: World;
  let result: PublishResult;
  let copy: { level: number; hash: string };
  let liveTarget: number;
  beforeAll(async () => {
    world = await createWorld();
    await world.addNetwork("mainnet");
    // The copy is made, then the live node moves on (75 blocks) before the run reads anything.
    copy = await world.refreshCopy("mainnet");
    world.clock.advance(10 * 60_000);
    liveTarget = world.sims.get("mainnet")!.chain.headLevel() - 2;
    result = await run(world.config("mainnet"), world.deps());
  });
  afterAll(() => world.close());

  it("describes what the data holds: the tarball the copy's own head, the rolling snapshot its head~2, each with its own timestamp (not the live node's head~2)", async () => {
    const chain = world.sims.get("mainnet")!.chain;
    const head = chain.block(copy.level);
    const final = chain.block(copy.level - 2);
    expect(result.source.kind).toBe("copy");
    expect(result.published.map((a) => a.filename)).toEqual([`mainnet-${final.level}.rolling`, `tezos-mainnet-rolling-tarball-${head.level}.lz4`]);
    const [rolling, tarball] = result.published;
    expect(tarball).toMatchObject({ block_hash: head.hash, block_height: head.level, block_timestamp: head.timestamp });
    expect(rolling).toMatchObject({ block_hash: final.hash, block_height: final.level, block_timestamp: final.timestamp });
    for (const artifact of result.published) {
      expect(artifact.block_height).toBeLessThan(liveTarget - 70);
      expect(artifact.tezos_version).toEqual({ implementation: "octez", version: { major: 23, minor: 1, additional_info: "release" }, commit_info: world.sims.get("mainnet")!.versionBody().commit_info });
      expect(artifact.url).toBe(`https://shots.example.org/mainnet/${artifact.filename}`);
    }
    expect(rolling!.snapshot_version).toBe(9);
    expect(tarball).not.toHaveProperty("snapshot_version");
    expect(buildReport(result).toText()).toContain("copy: auto: no running node holds data-dir");
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("uploads a tarball that lz4 -d | tar -t reads, without identity.json, peers.json, lock, lost+found or the publisher's config.json, matching its metadata", async () => {
    const tarball = result.published.find((a) => a.artifact_type === "tarball")!;
    const bytes = await bytesOf(world, `mainnet/${tarball.filename}`);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(tarball.sha256);
    expect(bytes.length).toBe(tarball.filesize_bytes);
    const decompressed = spawnSync(lz4!, ["-d", "-c"], { input: bytes, maxBuffer: 64 << 20 });
    expect(decompressed.status).toBe(0);
    const listing = spawnSync(tar!, ["-t"], { input: decompressed.stdout, maxBuffer: 16 << 20, encoding: "utf8" });
    expect(listing.status).toBe(0);
    const members = listing.stdout.split("\n").filter(Boolean);
    expect(members).toContain("./context/store.pack");
    // The store's own config.json (history mode, genesis) is data; the node's is the publisher's.
    expect(members).toContain("./store/chain_NetXdQprcVkpa/config.json");
    expect(members).toContain("./store/chain_NetXdQprcVkpa/current_head");
    for (const secret of ["./identity.json", "./peers.json", "./lock", "./lost+found/", "./config.json"]) expect(members).not.toContain(secret);
    const metadata = (await readJson<BaseEntry>(world.store, `mainnet/${tarball.filename}.json`))!.value;
    expect(metadata).toEqual(tarball);
  });

  it("uploads the rolling snapshot octez-node exported, for the target block", async () => {
    const rolling = result.published.find((a) => a.artifact_type === "tezos-snapshot")!;
    const path = join(world.bucketDir, "mainnet", rolling.filename);
    expect(createHash("sha256").update(await readFile(path)).digest("hex")).toBe(rolling.sha256);
    const cli = new OctezNodeCli({ binary: join(world.binDir, "octez-node"), logger: new RecordingLogger() });
    const info = await cli.snapshotInfo(path);
    expect(info).toMatchObject({ block_hash: rolling.block_hash, level: rolling.block_height, version: rolling.snapshot_version });
  });

  it("writes base.json, tezos-snapshots.json, pointers and the site in that order's end state", async () => {
    const base = (await readJson<BaseEntry[]>(world.store, "base.json"))!.value;
    expect(base.map((e) => e.filename).sort()).toEqual(result.published.map((a) => a.filename).sort());
    const index = (await readJson<{ org: string; $schema: string; date_generated: string; data: BaseEntry[] }>(world.store, "tezos-snapshots.json"))!.value;
    expect(index.org).toBe("chainops-test");
    expect(index.$schema).toBe("https://shots.example.org/tezos-snapshot-metadata.schema.json");
    expect(index.date_generated).toBe(new Date(world.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(index.data).toHaveLength(2);
    const pointers = await Promise.all(
      ["rolling", "rolling-tarball", "rolling-snapshot-metadata", "rolling-tarball-metadata"].map(async (name) => (await readJson<LatestPointer>(world.store, `mainnet/latest/${name}.json`))!.value),
    );
    expect(pointers.map((p) => p.target_key)).toEqual([
      `mainnet/${result.published[0]!.filename}`,
      `mainnet/${result.published[1]!.filename}`,
      `mainnet/${result.published[0]!.filename}.json`,
      `mainnet/${result.published[1]!.filename}.json`,
    ]);
    expect(await readText(world.store, "feed.xml")).toContain(`<id>${result.published[0]!.url}</id>`);
    expect(await readText(world.store, "index.html")).toContain(`octez-node snapshot import ${result.published[0]!.filename} --block ${result.published[0]!.block_hash}`);
    const outputs = buildOutputs(result);
    expect(outputs).toMatchObject({ published: true, "artifact-url": result.published[0]!.url, sha256: result.published[0]!.sha256, "block-height": result.published[0]!.block_height });
  });

  it("metadata and tezos-snapshots.json validate against our schema", async () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(metadataSchema);
    const index = (await readJson<unknown>(world.store, "tezos-snapshots.json"))!.value;
    expect(validate(index), JSON.stringify(validate.errors)).toBe(true);
    const published = (await readJson<unknown>(world.store, "tezos-snapshot-metadata.schema.json"))!.value;
    expect(published).toEqual(JSON.parse(JSON.stringify(metadataSchema)));
    ajv.addSchema(metadataSchema, "metadata");
    const artifact = ajv.getSchema("metadata#/definitions/artifact")!;
    for (const a of result.published) {
      const doc = (await readJson<Record<string, unknown>>(world.store, `mainnet/${a.filename}.json`))!.value;
      expect(artifact(doc), JSON.stringify(artifact.errors)).toBe(true);
      // The schema can fail: a string height, a tarball with a snapshot version, a rolling snapshot without one.
      expect(artifact({ ...doc, block_height: String(doc.block_height) })).toBe(false);
      expect(artifact({ ...doc, sha256: "XYZ" })).toBe(false);
      expect(artifact(a.artifact_type === "tarball" ? { ...doc, snapshot_version: 9 } : { ...doc, snapshot_version: undefined })).toBe(false);
    }
  });

  describeConformance("and against the community tezos-snapshot-metadata schema", () => {
    it("validates tezos-snapshots.json", async () => {
      // A draft-04 schema that only uses keywords draft-07 reads the same way; Ajv 8 speaks draft-07.
      const { $schema: _draft, ...community } = readConformanceJson<Record<string, unknown>>("tezos-snapshot-metadata/tezos-snapshot-metadata.schema.json");
      const validate = new Ajv({ allErrors: true, strict: false }).compile(community);
      const index = (await readJson<{ data: Array<Record<string, unknown>> }>(world.store, "tezos-snapshots.json"))!.value;
      expect(validate(index), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...index, data: [{ ...index.data[0], block_height: "1" }] })).toBe(false);
    });
  });

  it("a second run inside min-interval exits cleanly as not due, and publishes nothing", async () => {
    world.clock.advance(60 * 60_000);
    const before = (await readJson<BaseEntry[]>(world.store, "base.json"))!.value;
    const deps = world.deps();
    const error = await world.publish("mainnet", {}, deps).catch((e) => e);
    expect(error).toBeInstanceOf(NotReadyError);
    expect(error.message).toMatch(/^Not due until 2026-04-01T\d\d:\d\d:\d\d/);
    expect((await readJson<BaseEntry[]>(world.store, "base.json"))!.value).toEqual(before);
    // The lease was given back: the next due run is not blocked.
    world.clock.advance(6 * 60 * 60_000);
    const next = await world.publish("mainnet", { artifacts: "tarball" });
    expect(next.published[0]!.block_height).toBeGreaterThan(before[0]!.block_height);
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("a not-due run brings tezos-snapshots.json up to base.json when a run died between them", async () => {
    world.clock.advance(60 * 60_000);
    const base = (await readJson<BaseEntry[]>(world.store, "base.json"))!.value;
    // As left by a run that died right after its base.json update.
    await world.store.put("tezos-snapshots.json", JSON.stringify({ date_generated: "2026-01-01T00:00:00Z", org: "x", $schema: "x", data: base.slice(1) }));
    const error = await world.publish("mainnet", { artifacts: "tarball" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotReadyError);
    const index = (await readJson<{ data: BaseEntry[] }>(world.store, "tezos-snapshots.json"))!.value;
    expect(index.data.map((e) => e.filename).sort()).toEqual(base.map((e) => e.filename).sort());
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("posts one Slack message with the artifacts, checksums and links", async () => {
    const slackServer = await startCaptureServer({ routes: slackApi() });
    try {
      world.clock.advance(7 * 60 * 60_000);
      const logger = new RecordingLogger();
      const slack = createSlack({ token: "xoxb-test", channel: "C0123456789", apiUrl: `${slackServer.url}/api/`, logger });
      const next = await world.publish("mainnet", { artifacts: "tarball" }, { slack, logger, runUrl: "https://github.com/o/r/actions/runs/1" });
      const posts = slackServer.requestsTo("/api/chat.postMessage");
      expect(posts).toHaveLength(1);
      const payload = slackPayload(posts[0]!);
      const text = JSON.stringify(payload.blocks);
      expect(payload.text).toContain(next.published[0]!.filename);
      expect(text).toContain(next.published[0]!.sha256);
      expect(text).toContain(next.published[0]!.url);
      expect(text).toContain("https://github.com/o/r/actions/runs/1");
    } finally {
      await slackServer.close();
    }
  });
});

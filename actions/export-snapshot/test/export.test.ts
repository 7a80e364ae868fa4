import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { CarBlockIterator } from "@ipld/car/iterator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { readJson } from "@chainops/shared/storage";
import { describeWithTools, slackPayload } from "@chainops/testkit";
import type { SnapshotManifest } from "../src/manifest";
import type { LatestPointer } from "../src/latest-pointer";
import { parseConfig } from "../src/config";
import { run } from "../src/run";
import { startWorld, type World } from "./world";

const exec = promisify(execFile);
let world: World;
afterEach(async () => world?.close());

/** Head height at which windows [0, 2880] and [2880, 5760] are both exportable. */
const TWO_WINDOWS = 5760 + 900 + 15;

async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of world.store.list()) keys.push(info.key);
  return keys;
}

describe("export", () => {
  it("exports two consecutive windows: zstd -d gives the simulator's exact bytes, a CAR rooted at the head tipset", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    const result = await world.run();
    expect(result).toMatchObject({ status: "exported", ready: true, network: "mainnet" });
    expect(result.exported.map((m) => [m.start_epoch, m.end_epoch])).toEqual([[0, 2890], [2880, 5770]]);
    expect(world.sim.exports.map((e) => [e.tail, e.head])).toEqual([[0, 2890], [2880, 5770]]);
    // What Filcryo's `lotus chain export-range --internal --messages --receipts --stateroots --workers 50 --write-buffer=5000000` sends.
    expect(world.sim.exports[0]!.config).toEqual({ WriteBufferSize: 5_000_000, NumWorkers: 50, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true });

    for (const [i, manifest] of result.exported.entries()) {
      const written = world.sim.exports[i]!;
      expect(manifest.key).toMatch(new RegExp(`^historical-exports/snapshot_${manifest.start_epoch}_${manifest.end_epoch}_\\d+\\.car\\.zst$`));
      const stored = await readJson<SnapshotManifest>(world.store, `${manifest.key}.json`);
      expect(stored?.value).toEqual(manifest);
      expect(manifest).toMatchObject({ network: "mainnet", uncompressed_size_bytes: written.size, lotus_version: expect.stringMatching(/^1\./), head_tipset_key: written.roots });
      const object = join(world.dir, "bucket", manifest.key);
      expect(createHash("sha256").update(await readFile(object)).digest("hex")).toBe(manifest.sha256);
      expect((await readFile(object)).length).toBe(manifest.compressed_size_bytes);
      const car = join(world.dir, `window-${i}.car`);
      await exec("zstd", ["-d", "-q", "-f", object, "-o", car]);
      const bytes = await readFile(car);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(written.sha256);
      const roots = (await (await CarBlockIterator.fromIterable(createReadStream(car))).getRoots()).map(String);
      expect(roots).toEqual(manifest.head_tipset_key);
    }
    const latest = await readJson<LatestPointer>(world.store, "historical-exports/latest.json");
    expect(latest?.value).toMatchObject({ key: result.exported[1]!.key, end_epoch: 5770, sha256: result.exported[1]!.sha256 });
    // The local CARs are gone; the lease is released.
    expect((await readdir(world.sim.repoDir)).filter((f) => f.endsWith(".car"))).toEqual([]);
    expect((await readJson<{ released_at?: string }>(world.store, "historical-exports/.locks/export-snapshot-mainnet.json"))?.value.released_at).toBeDefined();
    // One Slack message per export, with window, sha256 and a link.
    const posts = world.slack.requestsTo("/api/chat.postMessage").map(slackPayload);
    expect(posts.map((p) => p.text)).toEqual([expect.stringMatching(/snapshot 0–2890 published/), expect.stringMatching(/snapshot 2880–5770 published/)]);
    expect(JSON.stringify(posts[0]!.blocks)).toContain(result.exported[0]!.sha256);
    expect(result.outputs).toMatchObject({ status: "exported", "exported-count": 2, "snapshot-key": result.exported[1]!.key, "next-window-start": 5760 });
    expect(result.summary.toText()).toMatch(/2880–5770/);
  });

  it("the metrics file says what happened", async () => {
    world = await startWorld({ height: 2880 + 915 });
    const [manifest] = (await world.run()).exported;
    const text = await readFile(world.metricsFile, "utf8");
    const now = Date.UTC(2026, 0, 1) / 1000;
    for (const line of [
      `chainops_export_snapshot_last_run_timestamp_seconds{network="mainnet"} ${now}`,
      'chainops_export_snapshot_window_epochs{network="mainnet"} 2880',
      'chainops_export_snapshot_lotus_head_epoch{network="mainnet"} 3795',
      'chainops_export_snapshot_lotus_expected_epoch{network="mainnet"} 3795',
      'chainops_export_snapshot_newest_end_epoch{network="mainnet"} 2890',
      'chainops_export_snapshot_latest_pointer_end_epoch{network="mainnet"} 2890',
      'chainops_export_snapshot_next_window_start_epoch{network="mainnet"} 2880',
      'chainops_export_snapshot_next_exportable_epoch{network="mainnet"} 6675',
      `chainops_export_snapshot_last_success_timestamp_seconds{network="mainnet"} ${now}`,
      'chainops_export_snapshot_last_success_age_seconds{network="mainnet"} 0',
      `chainops_export_snapshot_last_export_bytes{network="mainnet"} ${manifest!.compressed_size_bytes}`,
      `chainops_export_snapshot_last_export_uncompressed_bytes{network="mainnet"} ${manifest!.uncompressed_size_bytes}`,
      `chainops_export_snapshot_last_export_duration_seconds{network="mainnet"} ${manifest!.timings.total_seconds}`,
      `chainops_export_snapshot_last_lotus_export_duration_seconds{network="mainnet"} ${manifest!.timings.export_seconds}`,
      `chainops_export_snapshot_last_upload_duration_seconds{network="mainnet"} ${manifest!.timings.upload_seconds}`,
      'chainops_export_snapshot_export_failures_total{network="mainnet"} 0',
      "# TYPE chainops_export_snapshot_export_failures_total counter",
    ]) expect(text.split("\n")).toContain(line);
    expect(text).toMatch(/^# HELP chainops_export_snapshot_lotus_head_epoch .+$/m);
    // Without metrics-compat, only chainops' names.
    expect(text).not.toContain("filcryo_");

    // The workflow's wait-sync step has no bucket: it updates the node's numbers and keeps the bucket's.
    world.clock.advance(3_600_000);
    await run(parseConfig({ mode: "wait-sync", "lotus-path": world.sim.repoDir, "metrics-file": world.metricsFile, "metrics-compat": "filcryo" }), { logger: new RecordingLogger(), clock: world.clock, runId: "wait" });
    const after = (await readFile(world.metricsFile, "utf8")).split("\n");
    for (const line of [
      `chainops_export_snapshot_last_run_timestamp_seconds{network="mainnet"} ${now + 3600}`,
      'chainops_export_snapshot_lotus_head_epoch{network="mainnet"} 3915',
      'chainops_export_snapshot_newest_end_epoch{network="mainnet"} 2890',
      'chainops_export_snapshot_latest_pointer_end_epoch{network="mainnet"} 2890',
      `chainops_export_snapshot_last_success_timestamp_seconds{network="mainnet"} ${now}`,
      'chainops_export_snapshot_last_success_age_seconds{network="mainnet"} 3600',
      `chainops_export_snapshot_last_export_bytes{network="mainnet"} ${manifest!.compressed_size_bytes}`,
      'filcryo_height{network="mainnet"} 3915',
      'filcryo_latest_snapshot_epoch{network="mainnet"} 2880',
    ]) expect(after).toContain(line);
  });

  it("one epoch short of ready: a clean not-ready with the next window and its ETA, nothing uploaded", async () => {
    world = await startWorld({ height: 2880 + 914 });
    const result = await world.run();
    expect(result).toMatchObject({ status: "not-ready", ready: false, exported: [] });
    expect(world.logger.messages("notice").join("\n")).toMatch(/next window 0–2880 exportable at epoch 3795 \(≈ 2026-01-01T00:00:30\.000Z, in 1 min\)/);
    expect(await bucketKeys()).toEqual([]);
    expect(world.sim.exports).toEqual([]);
    // The next epoch makes it ready.
    world.clock.advance(30_000);
    expect((await world.run()).status).toBe("exported");
  });

  it("a null round at the window start: Lotus starts the file earlier, it is published under the window start", async () => {
    world = await startWorld({ height: 2880 * 2 + 915, nullRounds: [2880, 2879] });
    const result = await world.run();
    const second = result.exported[1]!;
    expect(world.sim.exports[1]!.tail).toBe(2878);
    expect(second).toMatchObject({ start_epoch: 2880, tail_epoch: 2878 });
    expect(second.key).toMatch(/snapshot_2880_5770_\d+\.car\.zst$/);
    expect(world.logger.messages("warning").join("\n")).toMatch(/Epoch 2880 is a null round/);
  });

  it("continues after the newest published window (by number, not name order) and respects max-exports", async () => {
    world = await startWorld({ height: 20_000 });
    expect((await world.run({ "start-epoch": "9500", range: "500", "max-exports": "2" })).exported.map((m) => m.start_epoch)).toEqual([9500, 10000]);
    // "snapshot_10000_…" sorts before "snapshot_9500_…" as text; the next window still follows 10000.
    expect((await world.run({ "start-epoch": "0", range: "500", "max-exports": "1" })).exported.map((m) => m.start_epoch)).toEqual([10500]);
  });

  it("understands a bucket of old snapshots without manifests from their names", async () => {
    world = await startWorld({ height: 9000 });
    await world.store.put("historical-exports/snapshot_2880_5770_1700000000.car.zst", "legacy");
    await world.store.put("historical-exports/snapshot_0_2890_1699900000.car.zst", "legacy");
    const result = await world.run({ "start-epoch": "" });
    expect(result.exported.map((m) => m.start_epoch)).toEqual([]);
    expect(result.status).toBe("not-ready");
    world.clock.advance(30_000 * 600);
    expect((await world.run({ "start-epoch": "" })).exported.map((m) => m.start_epoch)).toEqual([5760]);
  });

  it("an upload of ours that never got its manifest (killed after upload) is ignored, redone and removed", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    await world.run({ "max-exports": "1" });
    const orphan = "historical-exports/snapshot_2880_5770_1700000000.car.zst";
    await world.store.put(orphan, "half a publish", { metadata: { "chainops-producer": "export-snapshot" } });
    const result = await world.run();
    expect(result.exported.map((m) => m.start_epoch)).toEqual([2880]);
    expect(world.logger.messages("warning").join("\n")).toMatch(/interrupted run and has no manifest/);
    expect(await world.store.head(orphan)).toBeNull();
  });

  it("an empty bucket without start-epoch is a ConfigError naming start-epoch", async () => {
    world = await startWorld({ height: 9000 });
    await expect(world.run({ "start-epoch": "" })).rejects.toMatchObject({ input: "start-epoch" });
  });
});

describeWithTools(["promtool"], "the metrics file and promtool", ({ promtool }) => {
  it("passes promtool check metrics", async () => {
    world = await startWorld({ height: 2880 + 915 });
    await world.run();
    const text = await readFile(world.metricsFile, "utf8");
    const check = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = execFile(promtool!, ["check", "metrics"], (error, out, err) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: out + err }));
      child.stdin!.end(text);
    });
    expect(check, check.out).toMatchObject({ code: 0 });
  });

  it("metrics-compat: filcryo adds Filcryo's names, typed gauge, each equal to its chainops counterpart; promtool accepts both sets", async () => {
    world = await startWorld({ height: 2880 * 2 + 915 });
    await world.run({ "metrics-compat": "filcryo", "max-exports": "2" });
    const text = await readFile(world.metricsFile, "utf8");
    const value = (name: string) => {
      const match = new RegExp(`^${name}\\{network="mainnet"\\} (\\S+)$`, "m").exec(text);
      if (!match) throw new Error(`${name} is not in the textfile:\n${text}`);
      return Number(match[1]);
    };
    const mapping: Array<[string, string]> = [
      ["filcryo_height", "chainops_export_snapshot_lotus_head_epoch"],
      ["filcryo_latest_snapshot_epoch", "chainops_export_snapshot_next_window_start_epoch"],
      ["filcryo_last_uploaded_snapshot_size", "chainops_export_snapshot_last_export_bytes"],
      ["filcryo_export_duration", "chainops_export_snapshot_last_lotus_export_duration_seconds"],
      ["filcryo_exported_snapshot_size", "chainops_export_snapshot_last_export_uncompressed_bytes"],
      ["filcryo_compress_duration", "chainops_export_snapshot_last_upload_duration_seconds"],
      ["filcryo_upload_duration", "chainops_export_snapshot_last_upload_duration_seconds"],
    ];
    for (const [filcryo, ours] of mapping) {
      expect(text).toMatch(new RegExp(`^# TYPE ${filcryo} gauge$`, "m"));
      expect(text).toMatch(new RegExp(`^# HELP ${filcryo} .*${ours}\\.$`, "m"));
      expect(value(filcryo), filcryo).toBe(value(ours));
    }
    // Filcryo's meanings: the head, and the next window's start (newest start 2880 + range).
    expect(value("filcryo_height")).toBe(2880 * 2 + 915);
    expect(value("filcryo_latest_snapshot_epoch")).toBe(2880 * 2);
    expect(text.match(/^# TYPE filcryo_\w+ /gm)).toHaveLength(7);
    const check = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = execFile(promtool!, ["check", "metrics"], (error, out, err) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: out + err }));
      child.stdin!.end(text);
    });
    expect(check, check.out).toMatchObject({ code: 0, out: "" });
  });
});

describe("faults", () => {
  it("Lotus down: a clean failure naming the node, no upload, failure counted and announced", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    await world.sim.stop();
    const error = await world.run().catch((e: Error) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/Lotus at 127\.0\.0\.1:\d+: Filecoin\.StateNetworkName failed: ECONNREFUSED/);
    expect(await bucketKeys()).toEqual([]);
    expect(await readFile(world.metricsFile, "utf8")).toMatch(/export_failures_total\{network="unknown"\} 1/);
    expect(world.slack.requestsTo("/api/chat.postMessage").map(slackPayload)[0]?.text).toMatch(/failed/);
  });

  it("a run that stopped after the manifest but before latest.json: the next run moves latest.json up, even with nothing to export", async () => {
    world = await startWorld({ height: 2880 * 2 + 915 });
    const [first, second] = (await world.run({ "max-exports": "2" })).exported;
    const latestPath = join(world.dir, "bucket", "historical-exports", "latest.json");
    const pointer = JSON.parse(await readFile(latestPath, "utf8"));
    await writeFile(latestPath, JSON.stringify({ ...pointer, key: first!.key, end_epoch: first!.end_epoch, mirror: "kept" }));
    const result = await world.run();
    expect(result.status).toBe("not-ready");
    const repaired = JSON.parse(await readFile(latestPath, "utf8"));
    expect(repaired).toMatchObject({ key: second!.key, end_epoch: second!.end_epoch, sha256: second!.sha256, updated_at: second!.created_at, mirror: "kept" });
    expect(world.logger.messages("warning").join("\n")).toMatch(/latest\.json was behind/);
  });

  it("Lotus answering errors mid-export: no object, no manifest, latest.json unchanged; the next run redoes the window", async () => {
    world = await startWorld({ height: 2880 * 2 + 915 });
    await world.run({ "max-exports": "1" });
    const latestBefore = await readFile(join(world.dir, "bucket", "historical-exports", "latest.json"), "utf8");
    const keysBefore = await bucketKeys();
    world.sim.exportFailAfterBytes = 100_000;
    await expect(world.run()).rejects.toThrow(/ChainExportRangeInternal failed: exporting chain range/);
    expect(await bucketKeys()).toEqual(keysBefore);
    expect(await readFile(join(world.dir, "bucket", "historical-exports", "latest.json"), "utf8")).toBe(latestBefore);
    expect((await readdir(world.sim.repoDir)).filter((f) => f.endsWith(".car"))).toHaveLength(1); // Lotus's partial file
    expect(await readFile(world.metricsFile, "utf8")).toMatch(/export_failures_total\{network="mainnet"\} 1/);

    world.sim.exportFailAfterBytes = undefined;
    world.clock.advance(60_000);
    const retried = await world.run();
    expect(retried.exported.map((m) => m.start_epoch)).toEqual([2880]);
    expect(world.logger.messages("warning").join("\n")).toMatch(/left over from an earlier attempt/);
    expect((await readdir(world.sim.repoDir)).filter((f) => f.endsWith(".car"))).toEqual([]);
    expect(await readFile(world.metricsFile, "utf8")).toMatch(/export_failures_total\{network="mainnet"\} 1/);
  });

  it("Lotus erroring on reads is a failure before any upload", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    world.sim.fail("ChainGetTipSetByHeight", { kind: "rpc", message: "blockstore: block not found" });
    await expect(world.run()).rejects.toThrow(/ChainGetTipSetByHeight failed: blockstore: block not found/);
    expect((await bucketKeys()).filter((k) => !k.includes(".locks"))).toEqual([]);
  });

  it("two runs at once: one exports, the other exits cleanly", async () => {
    world = await startWorld({ height: 2880 + 915 });
    const release = world.sim.holdExports();
    const first = world.run({}, "run-A");
    await vi.waitFor(() => expect(world.sim.calls.some((c) => c.method === "ChainExportRangeInternal")).toBe(true), { timeout: 10_000, interval: 20 });
    const second = await world.run({}, "run-B");
    expect(second).toMatchObject({ status: "busy", ready: false, exported: [] });
    // Who, since when, until when, and what to do.
    expect(world.logger.messages("notice").join("\n")).toMatch(
      /Another run is exporting mainnet snapshots\. The mainnet export lease is held by run-A since \S+Z, until \S+Z\. This run exports nothing .* The lease frees itself at \S+Z, or at once when its holder is provably gone/,
    );
    release();
    expect((await first).exported.map((m) => m.start_epoch)).toEqual([0]);
    expect(world.sim.exports).toHaveLength(1);
    // With the lease released and the window published, a third run has nothing to do.
    expect((await world.run({}, "run-C")).status).toBe("not-ready");
  });

  it("an expired lease from a dead run is taken over", async () => {
    world = await startWorld({ height: 2880 + 915 });
    await world.store.put("historical-exports/.locks/export-snapshot-mainnet.json", JSON.stringify({ holder: "dead", network: "mainnet", acquired_at: "2025-12-31T00:00:00Z", expires_at: "2025-12-31T00:30:00Z" }));
    expect((await world.run()).status).toBe("exported");
    expect(world.logger.messages("warning").join("\n")).toMatch(/lease of dead expired/);
  });

  it("export without a token is a ConfigError naming lotus-token, before anything runs", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    const error = await world.run({ "lotus-path": "", "lotus-api": world.sim.multiaddr, "export-dir": world.sim.repoDir }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).input).toBe("lotus-token");
    expect((error as ConfigError).hint).toMatch(/lotus auth create-token --perm admin/);
    // Only the read call that names the network; no export, no lease, nothing in the bucket.
    expect(world.sim.calls.map((c) => c.method)).toEqual(["StateNetworkName"]);
    expect(await bucketKeys()).toEqual([]);
  });
});

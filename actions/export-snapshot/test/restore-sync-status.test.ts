import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, describeError, IntegrityError } from "@chainops/shared";
import { installFakeLotus } from "@chainops/testkit";
import { startWorld, type World } from "./world";

let world: World;
afterEach(async () => world?.close());

describe("restore", () => {
  async function exportTwo(): Promise<void> {
    // 9500–10000 and 10000–10500: as text, "snapshot_10000_…" sorts before "snapshot_9500_…".
    const result = await world.run({ "start-epoch": "9500", range: "500", "max-exports": "2" });
    expect(result.exported.map((m) => m.start_epoch)).toEqual([9500, 10000]);
  }

  it("imports the newest snapshot by end epoch into an empty repo with --halt-after-import --bootstrap=false", async () => {
    world = await startWorld({ height: 12_000 });
    await exportTwo();
    const bin = join(world.dir, "bin");
    await installFakeLotus(bin);
    const repo = join(world.dir, "new-repo");
    const result = await world.run({ mode: "restore", "lotus-path": repo, "lotus-bin": join(bin, "lotus"), range: "500", "export-dir": join(world.dir, "work") });
    expect(result).toMatchObject({ status: "restored", outputs: { "snapshot-key": expect.stringMatching(/snapshot_10000_10510_/) } });
    const imported = JSON.parse(await readFile(join(repo, "datastore", "chain", "imported.json"), "utf8"));
    expect(imported.roots).toEqual(world.sim.exports[1]!.roots);
    expect(imported.bootstrap).toBe(false);
    expect(await readdir(join(world.dir, "work"))).toEqual([]); // the CAR is deleted after import

    // A repo that has a chain is left alone.
    const again = await world.run({ mode: "restore", "lotus-path": repo, "lotus-bin": join(bin, "lotus"), range: "500" });
    expect(again.status).toBe("skipped");
  });

  it("refuses a download whose sha256 does not match its manifest: nothing imported, nothing left", async () => {
    world = await startWorld({ height: 12_000 });
    await exportTwo();
    const newest = (await readdir(join(world.dir, "bucket", "historical-exports"))).find((f) => /^snapshot_10000_.*\.json$/.test(f))!;
    const path = join(world.dir, "bucket", "historical-exports", newest);
    const manifest = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, JSON.stringify({ ...manifest, sha256: "0".repeat(64) }));
    const bin = join(world.dir, "bin");
    await installFakeLotus(bin);
    const repo = join(world.dir, "new-repo");
    await mkdir(join(world.dir, "work"));
    const error = await world.run({ mode: "restore", "lotus-path": repo, "lotus-bin": join(bin, "lotus"), "export-dir": join(world.dir, "work") }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(await readdir(join(world.dir, "work"))).toEqual([]);
    await expect(readdir(join(repo, "datastore", "chain"))).rejects.toThrow(/ENOENT/);
  });

  it("an empty bucket is a clear failure", async () => {
    world = await startWorld({ height: 12_000 });
    const bin = join(world.dir, "bin");
    await installFakeLotus(bin);
    await expect(world.run({ mode: "restore", "lotus-path": join(world.dir, "r"), "lotus-bin": join(bin, "lotus") })).rejects.toThrow(/No snapshot under/);
  });
});

describe("restore from the archive before manifests (names only)", () => {
  /** Two exports re-published as the old archive has them: no manifest, no chainops metadata, no latest.json. */
  async function legacyBucket(): Promise<string[]> {
    const result = await world.run({ "start-epoch": "9500", range: "500", "max-exports": "2" });
    const keys: string[] = [];
    for (const manifest of result.exported) {
      const legacy = manifest.key.replace(/_(\d+)\.car\.zst$/, "_1600000000.car.zst");
      await world.store.put(legacy, await readFile(join(world.dir, "bucket", manifest.key)));
      await world.store.delete(manifest.key);
      await world.store.delete(`${manifest.key}.json`);
      keys.push(legacy);
    }
    await world.store.delete("historical-exports/latest.json");
    return keys;
  }

  async function restoreInputs(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const bin = join(world.dir, "bin");
    await installFakeLotus(bin);
    await mkdir(join(world.dir, "work"), { recursive: true });
    return { mode: "restore", "lotus-path": join(world.dir, "new-repo"), "lotus-bin": join(bin, "lotus"), "export-dir": join(world.dir, "work"), ...extra };
  }

  it("refuses by default, naming the newest snapshot by end epoch and the input that allows it; nothing downloaded", async () => {
    world = await startWorld({ height: 12_000 });
    const [, newest] = await legacyBucket();
    const error = await world.run(await restoreInputs()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ input: "allow-unverified-restore" });
    expect((error as Error).message).toContain(newest!);
    expect((error as Error).message).toMatch(/no manifest/);
    expect(describeError(error)).toMatch(/allow-unverified-restore: true/);
    expect(await readdir(join(world.dir, "work"))).toEqual([]);
  });

  it("with allow-unverified-restore: imports the newest by the end epoch in its name (10510 > 10010, though '10000' < '9500' as text), with a warning", async () => {
    world = await startWorld({ height: 12_000 });
    const [, newest] = await legacyBucket();
    const result = await world.run(await restoreInputs({ "allow-unverified-restore": "true" }));
    expect(result).toMatchObject({ status: "restored", outputs: { "snapshot-key": newest } });
    expect(result.message).toMatch(/unverified/);
    const imported = JSON.parse(await readFile(join(world.dir, "new-repo", "datastore", "chain", "imported.json"), "utf8"));
    expect(imported.roots).toEqual(world.sim.exports[1]!.roots);
    expect(world.logger.messages("warning").join("\n")).toMatch(/has no manifest, so its sha256 cannot be verified/);
    const sha = createHash("sha256").update(await readFile(join(world.dir, "bucket", newest!))).digest("hex");
    expect(world.logger.messages("info").join("\n")).toContain(`sha256 ${sha} (not verified`);
    expect(await readdir(join(world.dir, "work"))).toEqual([]);
    // Every mode writes the metrics file; the bucket's newest end epoch comes from the name alone.
    expect(await readFile(world.metricsFile, "utf8")).toMatch(/chainops_export_snapshot_newest_end_epoch\{network="filecoin"\} 10510/);
  });

  it("with allow-unverified-restore: a truncated legacy object fails zstd's check; nothing imported, nothing left", async () => {
    world = await startWorld({ height: 12_000 });
    const [, newest] = await legacyBucket();
    const bytes = await readFile(join(world.dir, "bucket", newest!));
    await world.store.put(newest!, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await world.run(await restoreInputs({ "allow-unverified-restore": "true" })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(/does not decompress with zstd/);
    expect(await readdir(join(world.dir, "work"))).toEqual([]);
    await expect(readdir(join(world.dir, "new-repo", "datastore", "chain"))).rejects.toThrow(/ENOENT/);
  });
});

describe("wait-sync", () => {
  it("polls with progress lines until head is within tolerance, on the injected clock", async () => {
    world = await startWorld({ height: 20_000 });
    world.sim.chain.catchUp(300, 20); // 300 epochs behind, closing the gap at 20 epochs/min
    world.sim.syncing = true;
    const result = await world.run({ mode: "wait-sync", "sync-timeout": "2h" });
    expect(result).toMatchObject({ status: "synced", ready: true });
    const progress = world.logger.messages("info").filter((l) => l.startsWith("height "));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[0]).toMatch(/behind 300 epochs \(150 min\), syncing towards/);
    expect(progress.at(-1)).toMatch(/rate \d+\.\d epochs\/min, ETA \d+ min/);
  });

  it("gives up after the timeout as a clean not-ready", async () => {
    world = await startWorld({ height: 20_000 });
    world.sim.chain.catchUp(5000, 1);
    const result = await world.run({ mode: "wait-sync", "sync-timeout": "10m" });
    expect(result).toMatchObject({ status: "not-synced", ready: false });
    expect(world.logger.messages("notice").join("\n")).toMatch(/not in sync after 10 min/);
  });

  it("a node that keeps erroring until the deadline fails with its error", async () => {
    world = await startWorld({ height: 20_000 });
    world.sim.fail("ChainHead", { kind: "rpc", message: "not ready" });
    await expect(world.run({ mode: "wait-sync", "sync-timeout": "2m" })).rejects.toThrow(/ChainHead failed: not ready/);
  });
});

describe("status", () => {
  it("shows head, sync, newest snapshot and the next window with its ETA", async () => {
    world = await startWorld({ height: 2880 + 915 });
    await world.run();
    const result = await world.run({ mode: "status" });
    const text = result.summary.toText();
    expect(text).toMatch(/Lotus head\s+3795 \(expected 3795\)/);
    expect(text).toMatch(/Sync\s+in sync/);
    expect(text).toMatch(/Newest snapshot\s+0–2890/);
    expect(text).toMatch(/next window 2880–5760 exportable at epoch 6675/);
    expect(await readFile(world.metricsFile, "utf8")).toMatch(/next_exportable_epoch\{network="mainnet"\} 6675/);
  });
});

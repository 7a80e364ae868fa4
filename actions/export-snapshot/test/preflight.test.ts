// A run fails before the expensive work (issue 9 §3), refuses a network the node is not on, says
// what the export is doing while Lotus writes, and plans its outputs from the bucket after the run (§2).
import { mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "@chainops/shared";
import { formatBytes } from "@chainops/shared/config";
import type { TransferProgress } from "@chainops/shared/stream";
import { renderProgressBar } from "../../../packages/cli/src/progress-bar";
import { startWorld, type World } from "./world";

let world: World;
afterEach(async () => world?.close());

/** Head heights at which windows [0, 2880], [2880, 5760] (and [5760, 8640]) are final. */
const TWO_WINDOWS = 5760 + 900 + 15;
const THREE_WINDOWS = 8640 + 900 + 15;

async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of world.store.list()) keys.push(info.key);
  return keys;
}

const exportCalls = () => world.sim.calls.filter((c) => c.method === "ChainExportRangeInternal");

describe("checked before the lease and the export", () => {
  it("a read-only Lotus token: a ConfigError naming lotus-token and the permission, no lease taken, no export started", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    const error = await world.run({ "lotus-path": "", "lotus-api": world.sim.multiaddr, "lotus-token": world.sim.readToken, "export-dir": world.sim.repoDir }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).input).toBe("lotus-token");
    expect((error as Error).message).toMatch(/has read permission, not admin; ChainExportRangeInternal, which writes the CAR, is an admin method\. Nothing was started/);
    expect((error as ConfigError).hint).toMatch(/lotus auth create-token --perm admin/);
    expect(world.sim.calls.map((c) => c.method)).toEqual(["StateNetworkName", "AuthVerify"]);
    expect(await bucketKeys()).toEqual([]);
  });

  it("without zstd on PATH: a ConfigError naming zstd before anything is exported or leased", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    const emptyBin = join(world.dir, "empty-bin");
    await mkdir(emptyBin);
    const error = await world.run({}, "test-run", { pathEnv: emptyBin }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).input).toBe("zstd binary");
    expect((error as Error).message).toMatch(/zstd was not found on PATH \(it compresses each CAR\)/);
    expect(exportCalls()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
  });

  it("an export-dir that does not exist fails the same way, naming export-dir", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    const error = await world.run({ "export-dir": join(world.dir, "no-such-dir") }).catch((e: Error) => e);
    expect(error).toMatchObject({ input: "export-dir" });
    expect((error as Error).message).toMatch(/no-such-dir does not exist/);
    expect(exportCalls()).toEqual([]);
  });
});

describe("the network is the node's", () => {
  it("--network that disagrees with StateNetworkName is refused naming both; nothing is written under the wrong name", async () => {
    world = await startWorld({ height: TWO_WINDOWS });
    for (const mode of ["export", "status"]) {
      const error = await world.run({ network: "mainet", mode }).catch((e: Error) => e);
      expect(error, mode).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).input).toBe("network");
      expect((error as Error).message).toMatch(/"mainet" is not the network of Lotus at 127\.0\.0\.1:\d+, which is on mainnet \(StateNetworkName\)/);
    }
    expect(exportCalls()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
    // Unset, the node's name is used; set to it, it is accepted.
    expect((await world.run({ "max-exports": "1" })).network).toBe("mainnet");
    expect((await world.run({ network: "mainnet", "max-exports": "1" })).exported.map((m) => m.network)).toEqual(["mainnet"]);
  });
});

describe("outputs plan from the bucket after the run", () => {
  it("with a backlog (max-exports 2, a third window final) the next window is ready now, as mode: status says", async () => {
    world = await startWorld({ height: THREE_WINDOWS });
    const exported = await world.run({ "max-exports": "2" });
    expect(exported.exported.map((m) => m.start_epoch)).toEqual([0, 2880]);
    expect(exported.outputs["next-window-start"]).toBe(5760);
    expect(exported.message).toMatch(/next window 5760–8640 exportable at epoch 9555 \(≈ [^)]+, now\); 1 more window\(s\) ready, for the next run/);
    const status = await world.run({ mode: "status" });
    expect(status.outputs["next-window-start"]).toBe(exported.outputs["next-window-start"]);
    const nextRow = (text: string) => /Next window\s*[|:]?\s*(.+)/.exec(text)?.[1];
    expect(nextRow(exported.summary.toText())).toMatch(/^next window 5760–8640 .*, now\)/);
    expect(nextRow(exported.summary.toText())).toBe(nextRow(status.summary.toText()));
  });
});

describe("the Lotus export shows progress", () => {
  /** Exports window 0, then starts window 2880 with Lotus holding after `afterBytes` of its CAR. */
  async function exportHeldHalfWay(deps: Parameters<World["run"]>[2] = {}) {
    world = await startWorld({ height: TWO_WINDOWS });
    const [first] = (await world.run({ "max-exports": "1" })).exported;
    const release = world.sim.holdExports({ afterBytes: 200 * 1024 });
    const second = world.run({ "max-exports": "1" }, "test-run", deps);
    // A failing assertion closes the world while the export waits: that rejection is expected then.
    second.catch(() => undefined);
    // Lotus has begun writing the CAR.
    await vi.waitFor(async () => {
      const car = (await readdir(world.sim.repoDir)).find((f) => /^snapshot_2880_5770_\d+\.car$/.test(f));
      expect(car && (await stat(join(world.sim.repoDir, car))).size).toBeGreaterThan(100 * 1024);
    }, { timeout: 30_000, interval: 50 });
    return { first: first!, release, second };
  }

  it("log lines every few seconds of the clock: the CAR's size, the rate, and an ETA from the previous window's size", async () => {
    const { first, release, second } = await exportHeldHalfWay();
    const line = /^Lotus export 2880–5770: ([\d.]+) KiB of ([\d.]+) KiB \((\d+)%\), [\d.]+ MB\/s, ETA \S+$/;
    await vi.waitFor(() => {
      world.clock.advance(1000);
      expect(world.logger.messages("info").some((m) => line.test(m))).toBe(true);
    }, { timeout: 30_000, interval: 100 });
    release();
    await second;
    const match = line.exec(world.logger.messages("info").find((m) => line.test(m))!)!;
    expect(Number(match[1])).toBeGreaterThan(100);
    expect(Math.abs(Number(match[2]) * 1024 - first.uncompressed_size_bytes)).toBeLessThan(1024);
    expect(world.logger.messages("info")).toContain(`Lotus export 2880–5770: the ETA assumes about the size of the previous window's CAR (${formatBytes(first.uncompressed_size_bytes)})`);
  });

  it("the CLI's bar gets the same samples: label, bytes written, the expected total and an ETA", async () => {
    const samples: TransferProgress[] = [];
    const { first, release, second } = await exportHeldHalfWay({ onProgress: (p) => samples.push(p) });
    await vi.waitFor(() => {
      world.clock.advance(1000);
      expect(samples.some((s) => s.label === "Lotus export 2880–5770" && s.hashedBytes > 100 * 1024)).toBe(true);
    }, { timeout: 30_000, interval: 100 });
    release();
    await second;
    const sample = samples.find((s) => s.label === "Lotus export 2880–5770" && s.hashedBytes > 100 * 1024)!;
    expect(sample.sourceTotal).toBe(first.uncompressed_size_bytes);
    expect(sample.etaMs).toBeGreaterThan(0);
    expect(renderProgressBar(sample, 100)).toMatch(/^Lotus export 2880–5770 \[#+-+\]\s+\d+%\s+[\d.]+ KiB\/[\d.]+ KiB\s+[\d.]+ MB\/s\s+ETA \S+$/);
  });
});

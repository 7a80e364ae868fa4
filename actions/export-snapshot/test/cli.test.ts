import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { installFakeLotus } from "@chainops/testkit";
import { runCli } from "../../../packages/cli/src/program";
import { startWorld, type World } from "./world";

let world: World;
afterEach(async () => world?.close());

/** `chainops filecoin …` as the CLI adapter runs it: flags parsed, host deps, the same run(). */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const stdout = { write: (text: string) => (out += text) };
  const stderr = { write: (text: string) => (err += text) };
  const code = await runCli(["filecoin", ...args], { stdout, stderr, stdin: new PassThrough(), env: { PATH: process.env.PATH } });
  return { code, out, err };
}

describe("chainops filecoin restore", () => {
  it("--allow-unverified-restore true restores a snapshot from before manifests; without it the refusal names the flag", async () => {
    world = await startWorld({ height: 4000 });
    const [manifest] = (await world.run({ "start-epoch": "0", "max-exports": "1" })).exported;
    const legacy = manifest!.key.replace(/_(\d+)\.car\.zst$/, "_1600000000.car.zst");
    await world.store.put(legacy, await readFile(join(world.dir, "bucket", manifest!.key)));
    await world.store.delete(manifest!.key);
    await world.store.delete(`${manifest!.key}.json`);
    const bin = join(world.dir, "bin");
    await installFakeLotus(bin);
    const flags = ["--bucket", world.bucketUrl, "--lotus-path", join(world.dir, "repo"), "--lotus-bin", join(bin, "lotus")];

    const refused = await cli(["restore", ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("Invalid allow-unverified-restore");
    const { code, out } = await cli(["restore", ...flags, "--allow-unverified-restore", "true"]);
    expect(code).toBe(0);
    expect(out).toContain(legacy);
    expect(JSON.parse(await readFile(join(world.dir, "repo", "datastore", "chain", "imported.json"), "utf8")).roots).toEqual(world.sim.exports[0]!.roots);
  });

  it("status and export --json: one JSON document on stdout, the logs on stderr", async () => {
    world = await startWorld({ height: 4000 });
    const flags = ["--bucket", world.bucketUrl, "--lotus-path", join(world.dir, "lotus"), "--start-epoch", "0"];
    const status = await cli(["status", ...flags, "--json"]);
    expect(status.code, status.err).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ mode: "status", network: "mainnet", outputs: expect.objectContaining({ network: "mainnet" }) });
    const text = await cli(["status", ...flags]);
    expect(() => JSON.parse(text.out)).toThrow();
    const exported = await cli(["export", ...flags, "--max-exports", "1", "--json"]);
    expect(exported.code, exported.err).toBe(0);
    const doc = JSON.parse(exported.out) as { mode: string; exported: Array<{ sha256: string }> };
    expect(doc.mode).toBe("export");
    expect(doc.exported).toHaveLength(1);
    expect(doc.exported[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.err).toMatch(/\S/);
  });
});

describe("chainops filecoin status", () => {
  it("--metrics-file with --metrics-compat filcryo writes both name sets", async () => {
    world = await startWorld({ height: 2880 + 915 });
    const metricsFile = join(world.dir, "textfile", "filecoin.prom");
    const { code } = await cli(["status", "--bucket", world.bucketUrl, "--lotus-path", world.sim.repoDir, "--start-epoch", "0", "--metrics-file", metricsFile, "--metrics-compat", "filcryo"]);
    expect(code).toBe(0);
    const text = await readFile(metricsFile, "utf8");
    expect(text).toMatch(/^chainops_export_snapshot_lotus_head_epoch\{network="mainnet"\} 3795$/m);
    expect(text).toMatch(/^# TYPE filcryo_height gauge\nfilcryo_height\{network="mainnet"\} 3795$/m);
    const refused = await cli(["status", "--bucket", world.bucketUrl, "--lotus-path", world.sim.repoDir, "--metrics-compat", "filcryo"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("Invalid metrics-compat");
  });
});

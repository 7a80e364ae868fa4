import { mkdtemp, readFile, readdir, rm, truncate, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, RecordingLogger, UpstreamError } from "@chainops/shared";
import { OctezNodeCli, parseSnapshotInfo } from "@chainops/shared/chains/octez";
import { ExecError } from "@chainops/shared/exec";
import { createOctezDataDir, installFakeOctezNode, startOctezSim, type OctezSim } from "@chainops/testkit";

describe("octez-node snapshot wrapper (against the fake octez-node)", () => {
  let dir: string;
  let sim: OctezSim;
  let cli: OctezNodeCli;
  let dataDir: string;
  let log: string;
  const clock = new ManualClock(Date.UTC(2026, 2, 1));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "octez-cli-"));
    sim = await startOctezSim({ clock, network: "mainnet", headLevel: 5000 });
    dataDir = (await createOctezDataDir(join(dir, "data"), { size: 256 * 1024, rpcListenAddr: sim.listenAddr, chain: sim.chain })).path;
    log = join(dir, "argv.log");
    cli = new OctezNodeCli({ binary: await installFakeOctezNode(join(dir, "bin")), logger: new RecordingLogger(), env: { ...process.env, OCTEZ_SIM_LOG: log } });
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("exports a rolling snapshot of the asked block, reads its header, and imports it into an empty dir", async () => {
    const block = sim.chain.block(4998);
    const file = join(dir, "mainnet-4998.rolling");
    await cli.exportSnapshot({ block: block.hash, rolling: true, dataDir, file });
    expect((await stat(file)).size).toBeGreaterThan(150 * 1024);
    const info = await cli.snapshotInfo(file);
    expect(info).toMatchObject({ version: 9, chain_name: "TEZOS_MAINNET", mode: "rolling", block_hash: block.hash, level: 4998, timestamp: block.timestamp });
    const target = join(dir, "imported");
    await cli.importSnapshot({ file, dataDir: target, block: block.hash });
    expect(await readdir(join(target, "context"))).toContain("store.pack");
    expect(await readFile(join(target, "context", "store.pack"))).toEqual(await readFile(join(dataDir, "context", "store.pack")));
    // The exact argument arrays octez-node got.
    const calls = (await readFile(log, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(calls[0]).toEqual(["snapshot", "export", "--block", block.hash, "--rolling", "--data-dir", dataDir, file]);
    expect(calls[1]).toEqual(["snapshot", "info", "--json", file]);
    expect(calls[2]).toEqual(["snapshot", "import", file, "--data-dir", target, "--block", block.hash]);
  });

  it("fails an import of a truncated snapshot, leaving no store behind", async () => {
    const block = sim.chain.block(4990);
    const file = join(dir, "truncated.rolling");
    await cli.exportSnapshot({ block: block.hash, rolling: true, dataDir, file });
    await truncate(file, (await stat(file)).size - 1000);
    const target = join(dir, "imported-truncated");
    const error = await cli.importSnapshot({ file, dataDir: target }).catch((e) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect(error.message).toMatch(/truncated|corrupted/);
    expect(await readdir(target).catch(() => [])).not.toContain("context");
  });

  it("refuses an import whose block is not the expected one, and an unknown block on export", async () => {
    const file = join(dir, "other.rolling");
    await cli.exportSnapshot({ block: sim.chain.block(4995).hash, rolling: true, dataDir, file });
    const error = await cli.importSnapshot({ file, dataDir: join(dir, "x"), block: sim.chain.block(4994).hash }).catch((e) => e);
    expect(error.message).toContain("instead of");
    sim.chain.reorgFrom(4999);
    const gone = await cli.exportSnapshot({ block: "BLq7cMeWTAuxNfmZ3J5gCBXxCyYsnVeXp8ZBftLRpQazH7Gug6m", rolling: true, dataDir, file: join(dir, "gone.rolling") }).catch((e) => e);
    expect(gone).toBeInstanceOf(ExecError);
    expect(gone.message).toContain("Unknown block");
  });

  it("never passes something that is not a block hash to octez-node", async () => {
    await expect(cli.exportSnapshot({ block: "--help", rolling: true, dataDir, file: join(dir, "x.rolling") })).rejects.toThrow(UpstreamError);
  });

  it("parses snapshot info --json and rejects output without a header", () => {
    const info = parseSnapshotInfo('{"snapshot_header":{"version":8,"chain_name":"TEZOS_MAINNET","mode":{"rolling":{"additional_cycles":0}},"block_hash":"BKx","level":12,"timestamp":"2026-01-01T00:00:00Z"}}', "f");
    expect(info.version).toBe(8);
    expect(() => parseSnapshotInfo("{}", "f")).toThrow(/no snapshot_header/);
    expect(() => parseSnapshotInfo("Error", "f")).toThrow(/did not print JSON/);
  });
});

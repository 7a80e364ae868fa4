// Where the tarball's data comes from (source: copy, stop-node, snapshot-import, auto) and the
// history-mode check against the node: against the fake octez-node (which refuses a locked data
// dir, as octez-node does), a fake systemctl whose unit holds the data dir's lock, and real flock.
import { execFile, spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, NotReadyError, UpstreamError } from "@chainops/shared";
import { readJson } from "@chainops/shared/storage";
import { describeWithTools, holdDataDirLock, installFakeSystemctl, type FakeSystemd } from "@chainops/testkit";
import type { BaseEntry } from "../src/indexes";
import { buildOutputs, buildReport } from "../src/report";
import { run } from "../src/run";
import { createWorld, expectConsistent, type World } from "./world";

const HOUR = 3_600_000;

async function storeKeys(world: World): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of world.store.list("")) keys.push(info.key);
  return keys;
}

/** The argv of each octez-node call, from OCTEZ_SIM_LOG. */
async function octezCalls(log: string): Promise<string[][]> {
  return (await readFile(log, "utf8").catch(() => "")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as string[]);
}

describeWithTools(["lz4", "tar", "flock"], "publish-shots: the tarball's source", ({ lz4, tar, flock }) => {
  let world: World;
  const releases: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(async () => {
    for (const release of releases.splice(0)) await release();
    await world.close();
  });

  async function holdLock(network: string): Promise<number> {
    const held = await holdDataDirLock(world.dataDirs.get(network)!, flock!);
    releases.push(held.release);
    return held.pid;
  }

  it("copy refuses a data dir a running node holds, naming its pid; auto refuses it for an archive tarball; nothing is written", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const pid = await holdLock("mainnet");
    const copy = await world.publish("mainnet", { source: "copy" }).catch((e) => e);
    expect(copy).toBeInstanceOf(ConfigError);
    expect(copy.message).toContain(`Invalid data-dir (got "${world.dataDirs.get("mainnet")}"): is not a quiescent copy: a running octez-node (pid ${pid}) holds`);
    expect(copy.hint).toContain("source: snapshot-import");

    await world.addNetwork("ghostnet", { size: 64 * 1024, historyMode: "archive" });
    await holdLock("ghostnet");
    const archive = await world.publish("ghostnet", { "history-mode": "archive" }).catch((e) => e);
    expect(archive).toBeInstanceOf(ConfigError);
    expect(archive.message).toContain("an archive tarball needs a quiescent data dir");
    expect(archive.hint).toContain("source: stop-node");
    expect(await storeKeys(world)).toEqual([]);
  });

  it("a lock file no process holds (a stopped node's, or a copy's) is no obstacle", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    // octez-node leaves its lock file behind when it stops, with its (now dead or reused) pid.
    await writeFile(join(world.dataDirs.get("mainnet")!, "lock"), String(process.pid));
    const result = await world.publish("mainnet", { source: "copy" });
    expect(result.source.kind).toBe("copy");
    expect(result.published).toHaveLength(2);
  });

  it("auto on a running rolling node: snapshot-import exports one .rolling from it, imports it into a scratch dir and tars that", async () => {
    const sim = await world.addNetwork("mainnet", { size: 64 * 1024 });
    await world.refreshCopy("mainnet");
    await holdLock("mainnet");
    const target = sim.chain.block(sim.chain.headLevel() - 2);
    const log = join(world.dir, "octez-calls.log");
    const result = await run(world.config("mainnet"), world.deps({ env: { ...process.env, PATH: world.pathEnv, OCTEZ_SIM_LOG: log } }));
    expect(result.source).toMatchObject({ kind: "snapshot-import" });
    expect(result.source.reason).toMatch(/^auto: a running octez-node \(pid \d+\) holds/);
    for (const artifact of result.published) expect(artifact).toMatchObject({ block_height: target.level, block_hash: target.hash, block_timestamp: target.timestamp });
    const calls = await octezCalls(log);
    expect(calls.filter((c) => c[1] === "export")).toHaveLength(1);
    expect(calls.filter((c) => c[1] === "export")[0]).toContain(world.dataDirs.get("mainnet")!);
    const imported = calls.find((c) => c[1] === "import")!;
    const scratch = imported[imported.indexOf("--data-dir") + 1]!;
    // The head is read from the imported copy, never by starting a node on the live data dir.
    const runs = calls.filter((c) => c[0] === "run");
    expect(runs.map((c) => c[c.indexOf("--data-dir") + 1])).toEqual([scratch]);
    const tarball = result.published.find((a) => a.artifact_type === "tarball")!;
    const members = spawnSync(tar!, ["-t"], { input: spawnSync(lz4!, ["-d", "-c"], { input: await readFile(join(world.bucketDir, "mainnet", tarball.filename)), maxBuffer: 64 << 20 }).stdout, encoding: "utf8", maxBuffer: 16 << 20 }).stdout.split("\n");
    expect(members).toContain("./context/store.pack");
    expect(members).toContain("./store/chain_NetXdQprcVkpa/current_head");
    for (const excluded of ["./config.json", "./identity.json", "./lock"]) expect(members).not.toContain(excluded);
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("snapshot-import is for rolling tarballs; stop-node needs node-service; node-service needs stop-node; a unit name is not an option", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ source: "snapshot-import", "history-mode": "archive" }, /Invalid source \(got "snapshot-import"\): is snapshot-import, which makes rolling tarballs only/],
      [{ source: "stop-node" }, /Invalid node-service: is required with source: stop-node .* Example: octez-node.service/],
      [{ "node-service": "octez-node.service" }, /Invalid node-service \(got "octez-node.service"\): is only used with source: stop-node, but source is auto/],
      [{ source: "stop-node", "node-service": "--help" }, /Invalid node-service \(got "--help"\)/],
      [{ source: "rsync" }, /Invalid source \(got "rsync"\)/],
    ];
    for (const [overrides, message] of cases) {
      const error = await world.publish("mainnet", overrides).catch((e) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(message);
    }
    expect(await storeKeys(world)).toEqual([]);
  });

  it("a copy that was not refreshed since the last publish is not published again", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const first = await world.publish("mainnet", { artifacts: "tarball" });
    world.clock.advance(7 * HOUR);
    const stale = await run(world.config("mainnet", { artifacts: "tarball" }), world.deps()).catch((e) => e);
    expect(stale).toBeInstanceOf(NotReadyError);
    expect(stale.message).toContain(`holds block ${first.published[0]!.block_height}: its tarball would be of block ${first.published[0]!.block_height}, and ${first.published[0]!.block_height} is published already`);
    expect(stale.hint).toContain("Refresh it");
  });

  describe("stop-node, with a fake systemctl", () => {
    let systemd: FakeSystemd;
    const unit = "octez-node.service";
    const inputs = { source: "stop-node", "node-service": unit };
    beforeEach(async () => {
      await world.addNetwork("mainnet", { size: 64 * 1024 });
      systemd = await installFakeSystemctl(world.binDir, { [unit]: { dataDir: world.dataDirs.get("mainnet")! } }, flock!);
      releases.push(() => systemd.stopAll());
    });

    it("stops the unit, tars the data dir's own head, starts it again and reports the downtime", async () => {
      expect(await systemd.unit(unit)).toMatchObject({ active: true, starts: 1 });
      const copy = await world.refreshCopy("mainnet");
      const result = await run(world.config("mainnet", inputs), world.deps());
      expect(result.source.kind).toBe("stop-node");
      expect((await systemd.calls()).slice(-3)).toEqual([["is-active", unit], ["--no-ask-password", "stop", unit], ["--no-ask-password", "start", unit]]);
      expect(await systemd.unit(unit)).toMatchObject({ active: true, stops: 1, starts: 2 });
      const tarball = result.published.find((a) => a.artifact_type === "tarball")!;
      expect(tarball).toMatchObject({ block_height: copy.level, block_hash: copy.hash });
      expect(result.published.find((a) => a.artifact_type === "tezos-snapshot")!.block_height).toBe(copy.level - 2);
      expect(typeof result.nodeDowntimeMs).toBe("number");
      expect(buildOutputs(result)).toMatchObject({ source: "stop-node", "node-downtime-seconds": Math.round(result.nodeDowntimeMs! / 1000) });
      expect(buildReport(result).toText()).toMatch(/the node was down for \d/);
      await expectConsistent(world.store, ["mainnet"]);
    });

    it("starts the node again when the tarball fails, and publishes nothing", async () => {
      const failing = await world.publish("mainnet", inputs, { env: { ...process.env, PATH: world.pathEnv, OCTEZ_SIM_FAIL: "run" } }).catch((e) => e);
      expect(failing).toBeInstanceOf(UpstreamError);
      expect(failing.message).toContain("simulated failure of run");
      expect(await systemd.unit(unit)).toMatchObject({ active: true, stops: 1, starts: 2 });
      expect(await world.store.head("base.json")).toBeNull();
      expect((await storeKeys(world)).filter((k) => !k.includes("/leases/"))).toEqual([]);
    });

    it("a unit that does not start again fails the run loudly: the node is down, nothing is published", async () => {
      const deps = world.deps({ env: { ...process.env, PATH: world.pathEnv, FAKE_SYSTEMCTL_FAIL: "start" } });
      const error = await world.publish("mainnet", inputs, deps).catch((e) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toBe(`${unit} was stopped for the tarball and did not start again`);
      expect(error.hint).toContain(`start it by hand (systemctl start ${unit}`);
      expect(deps.logger.messages("error").join("\n")).toContain(`${unit} did NOT start again`);
      expect((await readJson<BaseEntry[]>(world.store, "base.json"))?.value ?? []).toEqual([]);
      expect((await storeKeys(world)).filter((k) => !k.includes("/leases/"))).toEqual([]);
      expect((await systemd.unit(unit)).active).toBe(false);
    });

    it("does not stop the node when no tarball is due: the rolling snapshot comes from the live node", async () => {
      const result = await world.publish("mainnet", { ...inputs, artifacts: "rolling-snapshot" });
      expect(result.published.map((a) => a.artifact_type)).toEqual(["tezos-snapshot"]);
      expect(result.nodeDowntimeMs).toBeUndefined();
      expect(await systemd.unit(unit)).toMatchObject({ active: true, stops: 0, starts: 1 });
    });

    it("refuses a unit that is not running", async () => {
      await new Promise<void>((resolve, reject) => execFile(systemd.systemctl, ["stop", unit], (error) => (error ? reject(error) : resolve())));
      const error = await world.publish("mainnet", inputs).catch((e) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(`Invalid node-service (got "${unit}"): is inactive, not active: stop-node stops a running node and starts it again afterwards.`);
      expect((await systemd.unit(unit)).starts).toBe(1);
    });
  });
});

describeWithTools(["lz4", "tar"], "publish-shots: history-mode is checked against the node", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it("archive on a rolling node is refused, naming both: from the data dir's config.json, the node's RPC, and the data itself", async () => {
    const sim = await world.addNetwork("mainnet", { size: 64 * 1024 });
    const dataDir = world.dataDirs.get("mainnet")!;
    const byConfig = await world.publish("mainnet", { "history-mode": "archive" }).catch((e) => e);
    expect(byConfig).toBeInstanceOf(ConfigError);
    expect(byConfig.message).toBe(`Invalid history-mode (got "archive"): is archive, but the node of data-dir runs in rolling mode (${dataDir}/config.json says shell.history_mode "rolling").`);
    expect(byConfig.hint).toContain("Set history-mode to rolling");

    // Without shell.history_mode in config.json, the live node's answer decides.
    const config = JSON.parse(await readFile(join(dataDir, "config.json"), "utf8"));
    delete config.shell;
    await writeFile(join(dataDir, "config.json"), JSON.stringify(config));
    const byRpc = await world.publish("mainnet", { "history-mode": "archive" }).catch((e) => e);
    expect(byRpc.message).toBe(`Invalid history-mode (got "archive"): is archive, but the node at ${sim.url} runs in rolling mode (its GET /config/history_mode).`);

    // A live archive node, but the copy in data-dir is of a rolling store.
    sim.setHistoryMode("archive");
    const byData = await world.publish("mainnet", { "history-mode": "archive" }).catch((e) => e);
    expect(byData).toBeInstanceOf(ConfigError);
    expect(byData.message).toContain(`is archive, but the data in ${dataDir} runs in rolling mode (octez-node run on it, GET /config/history_mode)`);
    expect(await storeKeys(world)).toEqual(["mainnet/leases/archive.json"]);
    expect(await world.store.head("base.json")).toBeNull();
  });

  it("rolling on an archive node is refused too", async () => {
    const sim = await world.addNetwork("ghostnet", { size: 64 * 1024, historyMode: "archive" });
    const error = await world.publish("ghostnet", { "history-mode": "rolling" }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("is rolling, but the node of data-dir runs in archive mode");
    expect(sim.requests.some((r) => r.path === "/config/history_mode")).toBe(false);
  });
});

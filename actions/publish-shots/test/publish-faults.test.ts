import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ConfigError, NotReadyError, UpstreamError } from "@chainops/shared";
import { readJson, readText, type ObjectStore } from "@chainops/shared/storage";
import { ExecError } from "@chainops/shared/exec";
import { describeWithTools } from "@chainops/testkit";
import type { BaseEntry } from "../src/indexes";
import { createWorld, expectConsistent, type World } from "./world";

/** Emulates a process that dies: after `budget` writes, every write (and delete) fails, cleanup included. */
function dyingStore(inner: ObjectStore, budget: number): ObjectStore & { writes: number } {
  let writes = 0;
  const gate = () => {
    if (writes++ >= budget) throw new Error("simulated crash: the publisher is gone");
  };
  return {
    kind: inner.kind,
    url: inner.url,
    get writes() {
      return writes;
    },
    put: async (key, body, options) => (gate(), inner.put(key, body, options)),
    putIfMatch: async (key, body, version, options) => (gate(), inner.putIfMatch(key, body, version, options)),
    delete: async (key) => (gate(), inner.delete(key)),
    get: (key, options) => inner.get(key, options),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    publicUrl: (key) => inner.publicUrl(key),
  };
}

const HOUR = 3_600_000;

describeWithTools(["lz4", "tar"], "publish-shots: faults, concurrency, bad input", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it("a publisher dying after any write leaves nothing pointing at a missing or partial object, and the next run converges", async () => {
    await world.addNetwork("mainnet", { size: 128 * 1024 });
    // How many writes a whole run makes (tarball + rolling snapshot, with retention).
    const probe = dyingStore(world.store, Number.MAX_SAFE_INTEGER);
    await world.publish("mainnet", { retention: "1" }, { store: probe });
    const total = probe.writes;
    expect(total).toBeGreaterThan(10);
    console.log(`a clean run makes ${total} writes`);
    for (let budget = 0; budget < total; budget += 1) {
      world.clock.advance(7 * HOUR);
      const crashed = await world.publish("mainnet", { retention: "1" }, { store: dyingStore(world.store, budget) }).then(
        () => "finished",
        (error: Error) => error.message,
      );
      expect(crashed, `budget ${budget}`).toMatch(/simulated crash|finished/);
      await expectConsistent(world.store, ["mainnet"], { allowOrphans: true });
      // The dead run's lease expires; the next run tidies up and publishes.
      world.clock.advance(13 * HOUR);
      const next = await world.publish("mainnet", { retention: "1" });
      expect(next.published.length, `budget ${budget}`).toBe(2);
      const base = await expectConsistent(world.store, ["mainnet"]);
      expect(base.filter((e) => e.chain_name === "mainnet")).toHaveLength(2);
    }
    // Two or three runs per write point, about 60 runs: well past the default timeout on a loaded two-core machine.
  }, 300_000);

  it("10 concurrent publishers for different networks lose no base.json entry", async () => {
    const networks = Array.from({ length: 10 }, (_, i) => `simnet${i}`);
    for (const network of networks) await world.addNetwork(network, { size: 64 * 1024 });
    const results = await Promise.all(networks.map((network) => world.publish(network, { "custom-network": "true", artifacts: "tarball" })));
    expect(results.every((r) => r.published.length === 1)).toBe(true);
    const base = await expectConsistent(world.store, networks);
    expect(base.map((e) => e.chain_name).sort()).toEqual(networks);
    const index = (await readJson<{ data: BaseEntry[] }>(world.store, "tezos-snapshots.json"))!.value;
    expect(index.data.map((e) => e.chain_name).sort()).toEqual(networks);
    const html = await readText(world.store, "index.html");
    for (const network of networks) expect(html).toContain(`data-network="${network}"`);
  });

  it("one publisher per network+mode: a second one exits as not ready while the lease is held, and an expired lease is taken over", async () => {
    await world.addNetwork("ghostnet", { size: 64 * 1024 });
    await world.store.put("ghostnet/leases/rolling.json", JSON.stringify({ holder: "other runner", acquired_at: new Date(world.clock.now()).toISOString(), expires_at: new Date(world.clock.now() + HOUR).toISOString() }));
    const busy = await world.publish("ghostnet", { artifacts: "tarball" }).catch((e) => e);
    expect(busy).toBeInstanceOf(NotReadyError);
    expect(busy.message).toContain("other runner");
    expect(await world.store.head("base.json")).toBeNull();
    world.clock.advance(2 * HOUR);
    const result = await world.publish("ghostnet", { artifacts: "tarball" });
    expect(result.published).toHaveLength(1);
  });

  it("archive: publishes head once two blocks sit on it; a reorg of the target publishes nothing", async () => {
    const sim = await world.addNetwork("mainnet", { size: 64 * 1024, historyMode: "archive" });
    const head = sim.chain.headLevel();
    const result = await world.publish("mainnet", { "history-mode": "archive" });
    expect(result.published[0]).toMatchObject({ filename: `tezos-mainnet-archive-tarball-${head}.lz4`, block_height: head, history_mode: "archive" });
    expect(sim.chain.headLevel()).toBeGreaterThanOrEqual(head + 2);
    expect((await readJson(world.store, "mainnet/latest/archive-tarball.json"))).not.toBeNull();

    world.clock.advance(7 * HOUR);
    const next = sim.chain.headLevel();
    // The chain stops at the target: finality never comes.
    sim.chain.freeze();
    const stuck = await world.publish("mainnet", { "history-mode": "archive", "finality-timeout": "30s" }).catch((e) => e);
    expect(stuck).toBeInstanceOf(NotReadyError);
    expect(stuck.message).toContain(`Block ${next} is not final yet`);
    await expectConsistent(world.store, ["mainnet"]);
    expect(await world.store.head(`mainnet/tezos-mainnet-archive-tarball-${next}.lz4`)).toBeNull();

    sim.chain.freeze(false);
    sim.chain.reorgFrom(next);
    // Reorg the target away while the run waits: the next block hashes change from `next` up.
    const deps = world.deps();
    const racing = world.publish("mainnet", { "history-mode": "archive" }, deps);
    const reorged = await racing.then(() => "published", (e) => e);
    // Either the reorg happened before the target was read (then it published the new branch) or after (then not ready).
    if (reorged !== "published") expect(reorged).toBeInstanceOf(NotReadyError);
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("retention drops old entries from the indexes and site first, then the objects, never the latest", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const levels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await world.publish("mainnet", { artifacts: "tarball", retention: "2" });
      levels.push(r.published[0]!.block_height);
      world.clock.advance(7 * HOUR);
    }
    const base = await expectConsistent(world.store, ["mainnet"]);
    expect(base.map((e) => e.block_height).sort()).toEqual(levels.slice(1).sort());
    expect(await world.store.head(`mainnet/tezos-mainnet-rolling-tarball-${levels[0]}.lz4`)).toBeNull();
    expect(await world.store.head(`mainnet/tezos-mainnet-rolling-tarball-${levels[0]}.lz4.json`)).toBeNull();
    expect(await readText(world.store, "all.html")).not.toContain(`tarball-${levels[0]}.lz4`);
    // max-age: everything is older than 1 h now, but the latest stays.
    world.clock.advance(30 * 24 * HOUR);
    await world.publish("mainnet", { artifacts: "tarball", retention: "1h" });
    const left = await expectConsistent(world.store, ["mainnet"]);
    expect(left).toHaveLength(1);
  });

  it("finishes what a dead run fully wrote, removes partial leftovers and index entries without objects", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const first = await world.publish("mainnet", { artifacts: "tarball" });
    const entry = first.published[0]!;
    // A later artifact that was uploaded and described, but never indexed…
    const adoptedName = `tezos-mainnet-rolling-tarball-${entry.block_height + 10}.lz4`;
    await world.store.put(`mainnet/${adoptedName}`, await readFile(join(world.bucketDir, "mainnet", entry.filename)));
    await world.store.put(`mainnet/${adoptedName}.json`, JSON.stringify({ ...entry, filename: adoptedName, block_height: entry.block_height + 10, url: `https://shots.example.org/mainnet/${adoptedName}` }));
    // …one that never got its metadata, and a base.json entry whose object vanished.
    await world.store.put(`mainnet/tezos-mainnet-rolling-tarball-${entry.block_height + 20}.lz4`, "partial");
    await rm(join(world.bucketDir, "mainnet", entry.filename));
    world.clock.advance(HOUR);
    const notDue = await world.publish("mainnet", { artifacts: "tarball" }).catch((e) => e);
    expect(notDue).toBeInstanceOf(NotReadyError);
    const base = await expectConsistent(world.store, ["mainnet"]);
    expect(base.map((e) => e.filename)).toEqual([adoptedName]);
    expect((await readJson<{ target_key: string }>(world.store, "mainnet/latest/rolling-tarball.json"))!.value.target_key).toBe(`mainnet/${adoptedName}`);
    expect(await readText(world.store, "index.html")).toContain(adoptedName);
  });

  it("verify-import imports the .rolling for the node's network before upload; a failed import publishes nothing", async () => {
    await world.addNetwork("ghostnet", { size: 64 * 1024 });
    const failing = await world.publish("ghostnet", { "verify-import": "true" }, { env: { ...process.env, PATH: world.pathEnv, OCTEZ_SIM_FAIL: "import" } }).catch((e) => e);
    expect(failing).toBeInstanceOf(ExecError);
    expect(failing.message).toContain("simulated failure of snapshot import");
    expect(await world.store.head("base.json")).toBeNull();
    const keys: string[] = [];
    for await (const info of world.store.list("ghostnet/")) keys.push(info.key);
    expect(keys).toEqual(["ghostnet/leases/rolling.json"]);
    // A ghostnet snapshot imports only into a data dir configured for ghostnet (octez-node's default is mainnet).
    const result = await world.publish("ghostnet", { "verify-import": "true" });
    expect(result.published.map((a) => a.artifact_type).sort()).toEqual(["tarball", "tezos-snapshot"]);
    await expectConsistent(world.store, ["ghostnet"]);
  });

  it("a lease release that fails is a warning: the publish stands, and the lease frees itself at expiry", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const inner = world.store;
    const store = Object.create(inner) as ObjectStore;
    store.putIfMatch = async (key, body, version, options) => {
      if (key.endsWith("leases/rolling.json") && String(body).includes("released_at")) throw new Error("connection reset");
      return inner.putIfMatch(key, body, version, options);
    };
    const deps = world.deps({ store });
    const result = await world.publish("mainnet", { artifacts: "tarball" }, deps);
    expect(result.published).toHaveLength(1);
    expect(deps.logger.messages("warning").join("\n")).toMatch(/Could not release the lease mainnet\/leases\/rolling.json: connection reset; it frees itself after lease-ttl/);
    await expectConsistent(world.store, ["mainnet"]);
  });

  it("bad input is a clear error naming the fix, and publishes nothing", async () => {
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    const cases: Array<[Record<string, string>, RegExp, string]> = [
      [{ network: "mainnett" }, /Invalid network \(got "mainnett"\): is not a network publish-shots knows/, "custom-network"],
      [{ "min-interval": "6x" }, /Invalid min-interval \(got "6x"\)/, ""],
      [{ "data-dir": join(world.dir, "nowhere") }, /Invalid data-dir .*does not exist/, "data-dir"],
      [{ "data-dir": world.dir }, /does not look like an octez-node data directory/, ""],
      [{ artifacts: "rolling-snapshot,zip" }, /Invalid artifacts/, ""],
      [{ "history-mode": "archive", artifacts: "rolling-snapshot" }, /has rolling-snapshot with history-mode archive/, ""],
      [{ retention: "forever" }, /Invalid retention/, ""],
      [{ bucket: "ftp://x" }, /Invalid bucket/, ""],
    ];
    for (const [overrides, message, hint] of cases) {
      const error = await world.publish("mainnet", overrides).catch((e) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(message);
      if (hint) expect(`${error.message} ${error.hint ?? ""}`).toContain(hint);
    }
    const noNode = await world.publish("mainnet", {}, { pathEnv: "/usr/bin:/bin" }).catch((e) => e);
    expect(noNode).toBeInstanceOf(ConfigError);
    expect(noNode.message).toContain("Invalid octez-node");
    expect(noNode.hint).toContain("Install Octez");
    const down = await world.publish("mainnet", { "rpc-url": "http://127.0.0.1:9" }).catch((e) => e);
    expect(down).toBeInstanceOf(UpstreamError);
    expect(down.message).toContain("Octez RPC GET /version on http://127.0.0.1:9 failed");
    expect(down.hint).toContain("octez-node is running");
    const wrongChain = await world.addNetwork("ghostnet", { size: 1024 });
    const mismatch = await world.publish("mainnet", { "rpc-url": wrongChain.url }).catch((e) => e);
    expect(mismatch.message).toContain("the node at");
    const stats = [];
    for await (const info of world.store.list("")) stats.push(info.key);
    expect(stats).toEqual([]);
  });
});


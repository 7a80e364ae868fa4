// `chainops shots publish|list|fetch` through the built CLI, against the octez simulator and a file:// bucket.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTools } from "@chainops/testkit";
import { createWorld, type World } from "../../../actions/publish-shots/test/world";
import { spawnChainops } from "./spawn-cli";

describeWithTools(["lz4", "tar"], "chainops shots", () => {
  let world: World;
  let indexUrl = "";
  beforeAll(async () => {
    world = await createWorld();
    await world.addNetwork("ghostnet", { size: 128 * 1024 });
    // The spawned CLI runs on the system clock: the simulated chain must not be ahead of it.
    world.clock.set(Date.now() - 2 * 3_600_000);
    indexUrl = `${world.bucketUrl}/tezos-snapshots.json`;
  }, 120_000);
  afterAll(() => world?.close());

  const shots = (args: string[]) => spawnChainops(["shots", ...args], { env: { PATH: world.pathEnv } });

  it("publish --json: one JSON document on stdout (what was published), the logs on stderr", async () => {
    const inputs = world.inputs("ghostnet", { "public-url": "" });
    const flags = Object.entries(inputs).filter(([, value]) => value !== "").flatMap(([name, value]) => [`--${name}`, value]);
    const run = await shots(["publish", ...flags, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { published: Array<{ artifact_type: string; sha256: string }>; "index-url": string };
    expect(doc.published.map((a) => a.artifact_type).sort()).toEqual(["tarball", "tezos-snapshot"]);
    expect(doc["index-url"]).toBe(indexUrl);
    expect(run.stderr).toMatch(/ghostnet/);
  });

  it("list prints what the index offers, newest first; --json the entries", async () => {
    const text = await shots(["list", "--index-url", indexUrl, "--network", "ghostnet"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^network\s+mode\s+type\s+block/);
    expect(text.stdout).toMatch(/^ghostnet\s+rolling\s+tarball\s+\d+/m);
    const json = await shots(["list", "--index-url", indexUrl, "--artifact-type", "tarball", "--json"]);
    const entries = JSON.parse(json.stdout) as Array<{ artifact_type: string; chain_name: string }>;
    expect(entries).toEqual([expect.objectContaining({ artifact_type: "tarball", chain_name: "ghostnet" })]);
    const none = await shots(["list", "--index-url", indexUrl, "--network", "mainnet", "--json"]);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it("fetch --json: the verified artifact and where it went", async () => {
    const dest = join(world.dir, "fetched");
    const run = await shots(["fetch", "--index-url", indexUrl, "--network", "ghostnet", "--history-mode", "rolling", "--artifact-type", "tarball", "--dest", dest, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ path: dest, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), artifact: { artifact_type: "tarball" } });
    expect(run.stderr).toMatch(/verified/);
    expect(existsSync(join(dest, "context"))).toBe(true);
  });
});

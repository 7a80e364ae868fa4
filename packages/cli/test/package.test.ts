// The installable CLI (issue 14): `npm pack` of packages/cli gives a tarball that installs into an
// empty directory with `npm install --offline` and an empty npm cache (so nothing can be resolved:
// the bundle must be self-contained), after which the installed `chainops` works as a node operator
// runs it: `npx chainops --help`, `chainops store verify` on a published object, and
// `chainops shots fetch` against a demo-like file:// bucket.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTools } from "@chainops/testkit";
import { createWorld, type World } from "../../../actions/publish-shots/test/world";
import { repoRoot, spawnChainops } from "./spawn-cli";

const run = promisify(execFile);
const cliDir = join(repoRoot, "packages/cli");
const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } };

interface PackedPackage {
  name: string;
  version: string;
  bin: Record<string, string>;
  engines: { node: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  private?: boolean;
}

let work = "";
let tarball = "";
let packed: PackedPackage;
let app = "";
/** npm with no registry to reach and no cache to fall back on. */
let npmEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "chainops-package-"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: cliDir });
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(work, info!.filename);
  await mkdir(join(work, "extract"));
  await run("tar", ["-xzf", tarball, "-C", join(work, "extract")]);
  packed = JSON.parse(readFileSync(join(work, "extract/package/package.json"), "utf8")) as PackedPackage;

  app = join(work, "app");
  await mkdir(app);
  npmEnv = { PATH: process.env.PATH, HOME: work, npm_config_cache: join(work, "empty-npm-cache"), npm_config_offline: "true", npm_config_registry: "http://127.0.0.1:9/", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  await run("npm", ["install", "--offline", tarball], { cwd: app, env: npmEnv });
}, 300_000);
afterAll(() => rm(work, { recursive: true, force: true }));

const installed = () => join(app, "node_modules/.bin/chainops");

it("the tarball holds the bundle and nothing to resolve: bin, honest engines, no dependencies", async () => {
  const files = (await readdir(join(work, "extract/package"), { recursive: true })).map(String).sort();
  expect(files).toEqual(expect.arrayContaining(["README.md", "bin/chainops.js", "dist/chainops.js", "package.json"]));
  expect(files.filter((f) => /(^|\/)(src|test)(\/|$)|\.ts$/.test(f))).toEqual([]);
  expect(packed.private).toBeUndefined();
  expect(packed.bin).toEqual({ chainops: "bin/chainops.js" });
  expect({ ...packed.dependencies, ...packed.peerDependencies, ...packed.optionalDependencies }).toEqual({});
  // The bundle targets node20 (scripts/build.mjs) and the repository supports the same Node.
  expect(packed.engines.node).toBe(rootPackage.engines.node);
  expect(readFileSync(join(repoRoot, "scripts/build.mjs"), "utf8")).toContain('target: "node20"');
  // Installed offline from an empty cache: only the package itself landed.
  expect((await readdir(join(app, "node_modules"))).filter((name) => !name.startsWith("."))).toEqual(["chainops"]);
  expect(existsSync(join(app, "node_modules/chainops/node_modules"))).toBe(false);
});

it("npx chainops --help and --version work in the install dir", async () => {
  const help = await run("npx", ["--offline", "chainops", "--help"], { cwd: app, env: npmEnv });
  expect(help.stdout).toMatch(/^Usage: chainops /m);
  expect(help.stdout).toMatch(/^\s+shots\s/m);
  const version = await spawnChainops(["--version"], { bin: installed(), cwd: app });
  expect(version.stdout).toBe(`${packed.version}\n`);
});

it("npm install -g puts chainops on the PATH of the prefix", async () => {
  const prefix = join(work, "global");
  await run("npm", ["install", "-g", "--offline", "--prefix", prefix, tarball], { cwd: work, env: npmEnv });
  const help = await run(join(prefix, "bin", "chainops"), ["store", "--help"], { cwd: work, env: { PATH: process.env.PATH } });
  expect(help.stdout).toMatch(/^Usage: chainops store /m);
});

describeWithTools(["lz4", "tar"], "the installed CLI against a demo-like bucket", () => {
  let world: World;
  beforeAll(async () => {
    // What the demo publishes: a file:// bucket with tarball, .rolling, metadata and tezos-snapshots.json.
    world = await createWorld();
    await world.addNetwork("ghostnet", { size: 256 * 1024 });
    await world.publish("ghostnet", { "public-url": "", "site-prefix": "tezos" });
  }, 120_000);
  afterAll(() => world?.close());

  it("chainops store verify checks a published object against its metadata", async () => {
    const [tarballKey] = (await readdir(join(world.bucketDir, "ghostnet"))).filter((f) => f.endsWith(".lz4"));
    const url = `${world.bucketUrl}/ghostnet/${tarballKey}`;
    const verify = await spawnChainops(["store", "verify", url, "--json"], { bin: installed(), cwd: app });
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, url, sizeChecked: true });
  });

  it("chainops shots fetch downloads, verifies and extracts the newest tarball", async () => {
    const dest = join(work, "tezos-node");
    const fetch = await spawnChainops(
      ["shots", "fetch", "--index-url", `${world.bucketUrl}/tezos/tezos-snapshots.json`, "--network", "ghostnet", "--history-mode", "rolling", "--artifact-type", "tarball", "--dest", dest],
      { bin: installed(), cwd: app, env: { PATH: world.pathEnv } },
    );
    expect(fetch.code, fetch.stderr).toBe(0);
    expect(fetch.stdout).toMatch(/^Verified tezos-ghostnet-rolling-tarball-\d+\.lz4 \(sha256 [0-9a-f]{64}, \d+ bytes\) → /m);
    expect(existsSync(join(dest, "context"))).toBe(true);
  });
});

import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import yaml from "js-yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "@chainops/shared";
import { describeWithTools, installFakeSystemctl, type FakeSystemd } from "@chainops/testkit";
import { INPUT_NAMES } from "../src/config";
import { createWorld, expectConsistent, type World } from "./world";

const actionDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs the bundled action as the runner does: INPUT_* variables, GITHUB_OUTPUT, exit code. */
function runBundle(bundle: string, world: World, inputs: Record<string, string>, options: { env?: Record<string, string>; killOn?: RegExp; killWith?: NodeJS.Signals } = {}) {
  const output = join(world.dir, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, "");
  const env: NodeJS.ProcessEnv = { PATH: world.pathEnv, HOME: process.env.HOME, GITHUB_OUTPUT: output, ...options.env };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [bundle], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let killed = false;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.killOn && !killed && options.killOn.test(stdout)) {
      killed = true;
      child.kill(options.killWith ?? "SIGKILL");
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise<{ code: number | null; signal: string | null; stdout: string; outputs: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, outputs: readFileSync(output, "utf8") })),
  );
}

function outputValue(outputs: string, name: string): string | undefined {
  const match = new RegExp(`^${name}<<(.+)$\\n([\\s\\S]*?)\\n\\1$`, "m").exec(outputs);
  return match?.[2];
}

it("action.yml documents exactly the inputs the adapter reads", () => {
  const action = yaml.load(readFileSync(join(actionDir, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string; main: string } };
  expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
});

describeWithTools(["lz4", "tar", "flock"], "the bundled action", ({ flock }) => {
  let world: World;
  let bundle: string;
  let systemd: FakeSystemd;
  beforeAll(async () => {
    world = await createWorld();
    bundle = join(world.dir, "index.mjs");
    await build({
      entryPoints: [join(actionDir, "src", "main.ts")],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "warning",
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    await world.addNetwork("mainnet", { size: 128 * 1024 });
    // The follow-up runs in-process use a clock of their own: their copy must be final already.
    world.copyLag = 3;
    await world.addNetwork("ghostnet", { size: 128 * 1024 });
    systemd = await installFakeSystemctl(world.binDir, { "octez-node@ghostnet.service": { dataDir: world.dataDirs.get("ghostnet")! } }, flock!);
  });
  afterAll(async () => {
    await systemd.stopAll();
    await world.close();
  });

  it("source: stop-node from INPUT_*: stops the unit, tars, starts it again and reports the downtime; cancelled (SIGTERM) mid-run, it still starts it again", async () => {
    const unit = "octez-node@ghostnet.service";
    const inputs = world.inputs("ghostnet", { source: "stop-node", "node-service": unit, artifacts: "tarball", "min-interval": "0s" });
    world.clock.set(Date.now() - 2 * 3_600_000);
    const copy = await world.refreshCopy("ghostnet", 3);
    const done = await runBundle(bundle, world, inputs);
    expect(done.code, done.stdout).toBe(0);
    expect(outputValue(done.outputs, "source")).toBe("stop-node");
    expect(outputValue(done.outputs, "node-downtime-seconds")).toMatch(/^\d+$/);
    expect(outputValue(done.outputs, "block-height")).toBe(String(copy.level));
    expect(done.stdout).toContain(`::notice::${unit} was down for`);
    expect(await systemd.unit(unit)).toMatchObject({ active: true, stops: 1, starts: 2 });

    world.clock.advance(5 * 60_000);
    await world.refreshCopy("ghostnet", 3);
    // The headless octez-node takes a while to answer: the job is cancelled while the node is down.
    const cancelled = await runBundle(bundle, world, inputs, { env: { OCTEZ_SIM_RUN_DELAY_MS: "4000" }, killOn: /Starting octez-node headless/, killWith: "SIGTERM" });
    expect(cancelled.code, cancelled.stdout).toBe(1);
    expect(cancelled.stdout).toContain("received SIGTERM, stopping and cleaning up");
    expect(cancelled.stdout).toContain(`::notice::${unit} was down for`);
    expect(await systemd.unit(unit)).toMatchObject({ active: true, stops: 2, starts: 3 });
    await expectConsistent(world.store, ["ghostnet"], { allowOrphans: true });
  });

  it("publishes from INPUT_* and sets outputs; a second run is a clean not-due exit", async () => {
    // The child runs on the system clock: the simulated chain must not be ahead of it. The copy is
    // a few blocks behind the live node, so its head is final when the child checks.
    world.clock.set(Date.now() - 2 * 3_600_000);
    await world.refreshCopy("mainnet", 3);
    const metricsFile = join(world.dir, "textfile", "tezos-snapshots-mainnet-rolling.prom");
    const first = await runBundle(bundle, world, world.inputs("mainnet", { "metrics-file": metricsFile }));
    expect(first.code, first.stdout).toBe(0);
    expect(readFileSync(metricsFile, "utf8")).toMatch(/^chainops_publish_shots_artifacts_published_total\{history_mode="rolling",kind="tarball",network="mainnet"\} 1$/m);
    expect(outputValue(first.outputs, "published")).toBe("true");
    expect(outputValue(first.outputs, "artifact-url")).toMatch(/^https:\/\/shots\.example\.org\/mainnet\/mainnet-\d+\.rolling$/);
    expect(outputValue(first.outputs, "sha256")).toMatch(/^[0-9a-f]{64}$/);
    const second = await runBundle(bundle, world, world.inputs("mainnet", { "metrics-file": metricsFile }));
    expect(second.code, second.stdout).toBe(0);
    expect(readFileSync(metricsFile, "utf8")).toMatch(/^chainops_publish_shots_last_success_age_seconds\{history_mode="rolling",network="mainnet"\} \d+$/m);
    expect(second.stdout).toContain("::notice::publish-shots: not ready: Not due until");
    expect(outputValue(second.outputs, "published")).toBe("false");
    const bad = await runBundle(bundle, world, world.inputs("mainnet", { "min-interval": "6x" }));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::Invalid min-interval (got "6x")');
  });

  it("the deprecated s3-endpoint/s3-region inputs still work, with a warning naming AWS_ENDPOINT_URL_S3/AWS_REGION", async () => {
    const run = await runBundle(bundle, world, world.inputs("mainnet", { "s3-endpoint": "https://s3.example.org", "s3-region": "eu-west-1" }));
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("::warning::s3-endpoint is deprecated and will be removed: set AWS_ENDPOINT_URL_S3 in the environment instead (the step's env:");
    expect(run.stdout).toContain("::warning::s3-region is deprecated and will be removed: set AWS_REGION");
    const action = yaml.load(readFileSync(join(actionDir, "action.yml"), "utf8")) as { inputs: Record<string, { deprecationMessage?: string }> };
    expect(action.inputs["s3-endpoint"]!.deprecationMessage).toContain("AWS_ENDPOINT_URL_S3");
    expect(action.inputs["s3-region"]!.deprecationMessage).toContain("AWS_REGION");
  });

  // SIGKILL at several points of a real process: what is left never breaks a consumer, and the next run converges.
  let round = 0;
  for (const [point, killOn] of [
    ["while octez-node exports", /Exporting a rolling snapshot/],
    ["while the tarball uploads", /::group::Publish tezos-mainnet-rolling-tarball/],
    ["while the indexes are written", /::group::Update indexes/],
  ] as const) {
    it(`killed ${point}`, async () => {
      round++;
      world.clock.set(Date.now() - 3_600_000 + round * 5 * 60_000);
      await world.refreshCopy("mainnet", 3);
      const killed = await runBundle(bundle, world, world.inputs("mainnet", { "lease-ttl": "1h", "min-interval": "0s" }), { env: { OCTEZ_SIM_SLOW_MS: "300" }, killOn });
      expect(killed.signal, `code ${killed.code}: ${killed.stdout}`).toBe("SIGKILL");
      await expectConsistent(world.store, ["mainnet"], { allowOrphans: true });
      // The next run comes at once, well inside the dead run's lease-ttl: its process is gone, so the lease is taken over.
      world.clock.advance(60_000);
      const deps = world.deps({ clock: new ManualClock(Date.now()) });
      const next = await world.publish("mainnet", { "min-interval": "0s" }, deps);
      expect(next.published).toHaveLength(2);
      expect(deps.logger.messages("warning").join("\n")).toMatch(/Taking over the mainnet rolling publish lease from \S+ pid \d+ at once: process \d+ on \S+ is not running\./);
      await expectConsistent(world.store, ["mainnet"]);
    });
  }
});

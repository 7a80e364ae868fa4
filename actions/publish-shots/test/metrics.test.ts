import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, NotReadyError } from "@chainops/shared";
import { readJson } from "@chainops/shared/storage";
import { describeWithTools } from "@chainops/testkit";
import { PassThrough } from "node:stream";
import { runCli } from "../../../packages/cli/src/program";
import type { LatestPointer } from "../src/latest-pointers";
import { createWorld, type World } from "./world";

/** The value of one series of the textfile, by name and exact label set; throws if it is absent. */
function valueOf(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  if (!line) throw new Error(`${name}{${labels}} is not in the textfile:\n${text}`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

const L = 'history_mode="rolling",network="ghostnet"';
const kind = (k: string) => `history_mode="rolling",kind="${k}",network="ghostnet"`;
const P = "chainops_publish_shots";

describeWithTools(["lz4", "tar"], "publish-shots metrics-file", () => {
  let world: World;
  let metricsFile: string;
  beforeEach(async () => {
    world = await createWorld();
    await world.addNetwork("ghostnet");
    metricsFile = join(world.dir, "textfile", "tezos-snapshots-ghostnet-rolling.prom");
  });
  afterEach(() => world.close());

  it("a publish writes when it ran and published, each kind's newest artifact, its pointer, durations, and zero failures", async () => {
    const result = await world.publish("ghostnet", { "metrics-file": metricsFile });
    const text = await readFile(metricsFile, "utf8");
    const now = world.clock.now() / 1000;
    expect(valueOf(text, `${P}_last_run_timestamp_seconds`, L)).toBe(now);
    expect(valueOf(text, `${P}_last_success_timestamp_seconds`, L)).toBe(now);
    expect(valueOf(text, `${P}_last_success_age_seconds`, L)).toBe(0);
    expect(valueOf(text, `${P}_stale_after_seconds`, L)).toBe(24 * 3600);
    expect(valueOf(text, `${P}_failures_total`, L)).toBe(0);
    expect(valueOf(text, `${P}_last_run_duration_seconds`, L)).toBeGreaterThanOrEqual(0);
    for (const [k, type] of [["rolling-snapshot", "tezos-snapshot"], ["tarball", "tarball"]] as const) {
      const artifact = result.published.find((a) => a.artifact_type === type)!;
      expect(valueOf(text, `${P}_newest_artifact_level`, kind(k))).toBe(artifact.block_height);
      expect(valueOf(text, `${P}_newest_artifact_bytes`, kind(k))).toBe(artifact.filesize_bytes);
      expect(valueOf(text, `${P}_newest_artifact_block_timestamp_seconds`, kind(k))).toBe(Date.parse(artifact.block_timestamp) / 1000);
      expect(valueOf(text, `${P}_newest_artifact_age_seconds`, kind(k))).toBe(now - Date.parse(artifact.block_timestamp) / 1000);
      expect(valueOf(text, `${P}_latest_pointer_level`, kind(k))).toBe(artifact.block_height);
      expect(valueOf(text, `${P}_artifacts_published_total`, kind(k))).toBe(1);
      expect(valueOf(text, `${P}_last_publish_duration_seconds`, kind(k))).toBe(result.durations[`Publish ${artifact.filename}`]! / 1000);
    }
    expect(text).toMatch(new RegExp(`^# TYPE ${P}_failures_total counter$`, "m"));
    expect(text).toMatch(new RegExp(`^# TYPE ${P}_newest_artifact_level gauge$`, "m"));
  });

  it("a run with nothing due keeps the last success and publish durations, and ages them; the pointer level follows the bucket", async () => {
    await world.publish("ghostnet", { "metrics-file": metricsFile });
    const first = await readFile(metricsFile, "utf8");
    world.clock.advance(3_600_000);
    await expect(world.publish("ghostnet", { "metrics-file": metricsFile })).rejects.toBeInstanceOf(NotReadyError);
    const text = await readFile(metricsFile, "utf8");
    const now = world.clock.now() / 1000;
    expect(valueOf(text, `${P}_last_run_timestamp_seconds`, L)).toBe(now);
    expect(valueOf(text, `${P}_last_success_timestamp_seconds`, L)).toBe(now - 3600);
    expect(valueOf(text, `${P}_last_success_age_seconds`, L)).toBe(3600);
    expect(valueOf(text, `${P}_failures_total`, L)).toBe(0);
    for (const k of ["rolling-snapshot", "tarball"]) {
      expect(valueOf(text, `${P}_last_publish_duration_seconds`, kind(k))).toBe(valueOf(first, `${P}_last_publish_duration_seconds`, kind(k)));
      expect(valueOf(text, `${P}_artifacts_published_total`, kind(k))).toBe(1);
      expect(valueOf(text, `${P}_newest_artifact_age_seconds`, kind(k))).toBe(valueOf(first, `${P}_newest_artifact_age_seconds`, kind(k)) + 3600);
    }
    // A pointer left behind (a run that died before the pointers) shows as a lower pointer level.
    const pointerPath = join(world.bucketDir, "ghostnet", "latest", "rolling-tarball.json");
    const pointer = (await readJson<LatestPointer>(world.store, "ghostnet/latest/rolling-tarball.json"))!.value;
    await writeFile(pointerPath, JSON.stringify({ ...pointer, block_height: pointer.block_height - 100 }));
    await expect(world.publish("ghostnet", { "metrics-file": metricsFile })).rejects.toBeInstanceOf(NotReadyError);
    const stuck = await readFile(metricsFile, "utf8");
    expect(valueOf(stuck, `${P}_latest_pointer_level`, kind("tarball"))).toBe(pointer.block_height - 100);
    expect(valueOf(stuck, `${P}_newest_artifact_level`, kind("tarball"))).toBe(pointer.block_height);
  });

  it("a failed publish counts a failure and keeps the last success; a node still syncing is no failure", async () => {
    await world.publish("ghostnet", { "metrics-file": metricsFile, artifacts: "tarball" });
    const first = await readFile(metricsFile, "utf8");
    world.clock.advance(7 * 3_600_000);
    const failing = world.publish("ghostnet", { "metrics-file": metricsFile }, { env: { ...process.env, PATH: world.pathEnv, OCTEZ_SIM_FAIL: "export" } });
    await expect(failing).rejects.toThrow(/simulated failure of snapshot export/);
    let text = await readFile(metricsFile, "utf8");
    expect(valueOf(text, `${P}_failures_total`, L)).toBe(1);
    expect(valueOf(text, `${P}_last_success_timestamp_seconds`, L)).toBe(valueOf(first, `${P}_last_success_timestamp_seconds`, L));
    expect(valueOf(text, `${P}_last_success_age_seconds`, L)).toBe(7 * 3600);
    expect(valueOf(text, `${P}_last_run_timestamp_seconds`, L)).toBe(world.clock.now() / 1000);

    world.sims.get("ghostnet")!.setBootstrapped(false);
    await expect(world.publish("ghostnet", { "metrics-file": metricsFile })).rejects.toBeInstanceOf(NotReadyError);
    text = await readFile(metricsFile, "utf8");
    expect(valueOf(text, `${P}_failures_total`, L)).toBe(1);
    expect(valueOf(text, `${P}_newest_artifact_level`, kind("tarball"))).toBe(valueOf(first, `${P}_newest_artifact_level`, kind("tarball")));
  });

  it("a node on another network is a failure too; the file is written before anything is published", async () => {
    const wrong = world.publish("ghostnet", { "metrics-file": metricsFile, network: "mainnet" });
    await expect(wrong).rejects.toBeInstanceOf(ConfigError);
    const text = await readFile(metricsFile, "utf8");
    expect(valueOf(text, `${P}_failures_total`, 'history_mode="rolling",network="mainnet"')).toBe(1);
    expect(text).not.toContain("newest_artifact");
  });

  it("a file shared by two publishers gets a warning naming the fix; an unwritable path is a warning, not a failure", async () => {
    await world.addNetwork("shadownet");
    await world.publish("shadownet", { "metrics-file": metricsFile });
    const deps = world.deps();
    await world.publish("ghostnet", { "metrics-file": metricsFile }, deps).catch(() => undefined);
    expect(deps.logger.messages("warning").join("\n")).toMatch(/also held another publisher's series .*network="shadownet".*give each network and history mode its own file/);

    const blocked = join(world.dir, "blocked");
    await mkdir(join(blocked, "x.prom"), { recursive: true }); // a directory where the file should go
    world.clock.advance(7 * 3_600_000);
    const quiet = world.deps();
    const result = await world.publish("ghostnet", { "metrics-file": join(blocked, "x.prom") }, quiet);
    expect(result.published.length).toBe(2);
    expect(quiet.logger.messages("warning").join("\n")).toMatch(/Could not write the metrics file .*x\.prom/);
  });

  it("chainops shots publish --metrics-file writes the same textfile", async () => {
    // The CLI runs on the system clock: the simulated chain must not be ahead of it.
    world.clock.set(Date.now() - 2 * 3_600_000);
    const flags = Object.entries(world.inputs("ghostnet", { "metrics-file": metricsFile, "stale-after": "2d" })).flatMap(([name, value]) => [`--${name}`, value]);
    let err = "";
    const code = await runCli(["shots", "publish", ...flags], { stdout: { write: () => true }, stderr: { write: (text: string) => (err += text) }, stdin: new PassThrough(), env: { PATH: world.pathEnv } });
    expect(code, err).toBe(0);
    const text = await readFile(metricsFile, "utf8");
    expect(valueOf(text, `${P}_stale_after_seconds`, L)).toBe(2 * 86400);
    expect(valueOf(text, `${P}_artifacts_published_total`, kind("rolling-snapshot"))).toBe(1);
  });

  describeWithTools(["promtool"], "and promtool", ({ promtool }) => {
    it("the textfile passes promtool check metrics", async () => {
      await world.publish("ghostnet", { "metrics-file": metricsFile });
      const check = spawnSync(promtool!, ["check", "metrics"], { input: await readFile(metricsFile, "utf8"), encoding: "utf8" });
      expect(check.stdout + check.stderr).toBe("");
      expect(check.status).toBe(0);
    });
  });
});

describe("publish-shots metrics inputs", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await world.addNetwork("ghostnet");
  });
  afterEach(() => world.close());

  it("stale-after defaults to 2 × min-interval, at least 24h, and must be longer than min-interval", () => {
    expect(world.config("ghostnet").staleAfter).toBe(24 * 3_600_000);
    expect(world.config("ghostnet", { "min-interval": "1d" }).staleAfter).toBe(2 * 24 * 3_600_000);
    expect(world.config("ghostnet", { "stale-after": "36h" }).staleAfter).toBe(36 * 3_600_000);
    expect(() => world.config("ghostnet", { "stale-after": "6h" })).toThrow(/Invalid stale-after \(got "6h"\): must be longer than min-interval \(6h\).*Example: 1d/);
    expect(() => world.config("ghostnet", { "metrics-file": "metrics.prom" })).toThrow(/metrics-file.*absolute path/s);
  });
});

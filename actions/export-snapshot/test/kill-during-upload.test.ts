import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it, vi } from "vitest";
import { fakeExecutables, type FakeExecutables } from "@chainops/testkit";
import { startWorld, type World } from "./world";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let world: World;
let fakes: FakeExecutables | undefined;
afterEach(async () => {
  fakes?.remove();
  await world?.close();
});

it("kill -9 during upload: no object, no manifest, latest.json unchanged; the next run redoes the window", async () => {
  world = await startWorld({ height: 2880 * 2 + 915, exportSize: 2 * 1024 * 1024 });
  await world.run({ "max-exports": "1" });
  const bucketDir = join(world.dir, "bucket", "historical-exports");
  const before = (await readdir(bucketDir)).sort();

  // A zstd that passes some bytes on, then stalls: the upload is in flight when the process dies.
  fakes = fakeExecutables({ zstd: { script: "process.stdin.once('data', (d) => process.stdout.write(d.subarray(0, 4096))); await new Promise(() => setInterval(() => undefined, 60_000));" } });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "packages/cli/src/main.ts"), "filecoin", "export", "--bucket", world.bucketUrl, "--lotus-path", world.sim.repoDir, "--start-epoch", "0"],
    { cwd: repoRoot, env: { ...process.env, PATH: fakes.pathEnv() }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    // The stalled zstd has been started and the store has a temp file for the new object.
    await vi.waitFor(async () => {
      expect(fakes!.calls("zstd").length, output).toBe(1);
      expect((await readdir(bucketDir)).some((f) => f.startsWith(".") && f.includes("tmp-")), output).toBe(true);
    }, { timeout: 30_000, interval: 100 });
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    await exited;
  }
  const visible = (await readdir(bucketDir)).filter((f) => !f.startsWith(".")).sort();
  expect(visible).toEqual(before.filter((f) => !f.startsWith(".")));
  expect(world.sim.exports).toHaveLength(2); // Lotus finished its CAR; only the upload died

  // The next run (real zstd) comes at once, inside the dead run's 30 min lease (the child stamped it
  // with the real clock): the holder's process is gone, so it takes the lease and exports the same window.
  world.clock.set(Math.max(world.clock.now(), Date.now()));
  const result = await world.run({ "max-exports": "1" });
  expect(result.exported.map((m) => m.start_epoch)).toEqual([2880]);
  expect((await readdir(world.sim.repoDir)).filter((f) => f.endsWith(".car"))).toEqual([]);
  expect(world.logger.messages("warning").join("\n")).toMatch(/Taking over the mainnet export lease from \S+ pid \d+ at once: process \d+ on \S+ is not running\./);
});

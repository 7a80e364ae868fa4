import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { startWorld, type World } from "./world";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let world: World;
afterEach(async () => world?.close());

/** Runs src/main.ts as the runner would (inputs as INPUT_* variables), without building dist. */
function runMain(inputs: Record<string, string>, outputFile: string): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: outputFile };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", join(repoRoot, "actions/export-snapshot/src/main.ts")], { cwd: repoRoot, env }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: stdout + stderr }),
    );
  });
}

it("the GitHub adapter maps inputs to run(), sets outputs, and fails bad input with the input's name", async () => {
  world = await startWorld({ height: 2880 + 915 });
  const outputs = join(world.dir, "github-output");
  await writeFile(outputs, "");
  const metricsFile = join(world.dir, "textfile", "filecoin.prom");
  const ok = await runMain({ mode: "status", bucket: world.bucketUrl, "lotus-path": world.sim.repoDir, "start-epoch": "0", "metrics-file": metricsFile, "metrics-compat": "filcryo" }, outputs);
  expect(ok.code, ok.stdout).toBe(0);
  const metrics = await readFile(metricsFile, "utf8");
  expect(metrics).toMatch(/^chainops_export_snapshot_lotus_head_epoch\{network="mainnet"\} 3795$/m);
  expect(metrics).toMatch(/^filcryo_height\{network="mainnet"\} 3795$/m);
  const written = await readFile(outputs, "utf8");
  expect(written).toMatch(/status<<[\s\S]*\nstatus\n/);
  expect(written).toMatch(/next-window-start<<[\s\S]*\n0\n/);

  const bad = await runMain({ mode: "export", bucket: world.bucketUrl, "lotus-path": world.sim.repoDir, range: "0" }, outputs);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toMatch(/::error::Invalid range \(got "0"\): must be between 1 and 1000000\. Example: /);
  expect(world.sim.calls.filter((c) => c.method === "ChainExportRangeInternal")).toEqual([]);
});

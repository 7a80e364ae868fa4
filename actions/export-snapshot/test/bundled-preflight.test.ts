// The bundled action as the runner runs it (node dist/index.js, INPUT_* variables) fails before
// the expensive work: no Lotus export started, no lease left, a message that says what to fix.
import { execFile } from "node:child_process";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, expect, it } from "vitest";
import { readOnlyFolder, unprivilegedUser } from "@chainops/testkit";
import { startWorld, type World } from "./world";

const bundle = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let world: World;
afterEach(async () => world?.close());

const TWO_WINDOWS = 5760 + 900 + 15;

function runBundle(inputs: Record<string, string>, options: { path: string; asUnprivileged?: boolean }): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { PATH: options.path, GITHUB_OUTPUT: join(world.dir, "github-output") };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle], { env, cwd: world.dir, ...(options.asUnprivileged ? unprivilegedUser() : {}) }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: stdout + stderr }),
    );
  });
}

const exportCalls = () => world.sim.calls.filter((c) => c.method === "ChainExportRangeInternal");

async function bucketKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of world.store.list()) keys.push(info.key);
  return keys;
}

it("PATH without zstd: the run fails naming zstd, no export started, no lease left", async () => {
  world = await startWorld({ height: TWO_WINDOWS });
  const emptyBin = join(world.dir, "bin-without-zstd");
  await mkdir(emptyBin);
  await writeFile(join(world.dir, "github-output"), "");
  const result = await runBundle({ mode: "export", bucket: world.bucketUrl, "lotus-path": world.sim.repoDir, "start-epoch": "0" }, { path: emptyBin });
  expect(result.code, result.stdout).toBe(1);
  expect(result.stdout).toContain('::error::Invalid zstd binary (got "zstd"): zstd was not found on PATH (it compresses each CAR). Nothing was started: this is checked before any work or lease.');
  expect(result.stdout).toMatch(/Hint: Install zstd \(apt-get install -y zstd/);
  expect(exportCalls()).toEqual([]);
  // No lease document, no object (the write probe is removed again).
  expect(await bucketKeys()).toEqual([]);
});

it("a read-only file:// bucket: a ConfigError naming the bucket, the operation and the permission; nothing exported", async () => {
  world = await startWorld({ height: TWO_WINDOWS });
  // The child runs unprivileged (root may write anywhere): it must reach the sim's repo and the output file.
  await chmod(world.dir, 0o755);
  await chmod(world.sim.repoDir, 0o777);
  const output = join(world.dir, "github-output");
  await writeFile(output, "");
  await chmod(output, 0o666);
  const bucket = await readOnlyFolder(join(world.dir, "read-only-bucket"));
  const url = pathToFileURL(bucket).href;
  const result = await runBundle({ mode: "export", bucket: url, "lotus-path": world.sim.repoDir, "start-epoch": "0" }, { path: process.env.PATH ?? "", asUnprivileged: true });
  expect(result.code, result.stdout).toBe(1);
  expect(result.stdout).toContain(`::error::Invalid bucket (got "${url}"): upload of ${url}/historical-exports/.chainops-write-check failed: permission denied on ${bucket}/historical-exports (EACCES from mkdir). Nothing was started`);
  expect(result.stdout).toMatch(new RegExp(`Hint: The user this runs as \\(uid \\d+\\) needs write and search \\(w\\+x\\) permission on ${bucket}\\.`));
  expect(result.stdout).not.toMatch(/this error was not expected/);
  expect(exportCalls()).toEqual([]);
  expect(await readdir(bucket)).toEqual([]);
});

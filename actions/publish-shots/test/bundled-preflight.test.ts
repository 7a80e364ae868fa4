// The bundled action as the runner runs it (node dist/index.js, INPUT_* variables) fails before
// octez-node exports anything: without lz4, or with a bucket it may not write.
import { spawn } from "node:child_process";
import { chmod, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTools, readOnlyFolder, unprivilegedUser } from "@chainops/testkit";
import { createWorld, type World } from "./world";

const bundle = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function runBundle(world: World, inputs: Record<string, string>, options: { path: string; asUnprivileged?: boolean }): Promise<{ code: number | null; stdout: string }> {
  const output = join(world.dir, `output-${Math.random().toString(36).slice(2)}`);
  const env: NodeJS.ProcessEnv = { PATH: options.path, GITHUB_OUTPUT: output };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return writeFile(output, "")
    .then(() => chmod(output, 0o666))
    .then(
      () =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [bundle], { env, stdio: ["ignore", "pipe", "pipe"], ...(options.asUnprivileged ? unprivilegedUser() : {}) });
          let stdout = "";
          child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
          child.on("close", (code) => resolve({ code, stdout }));
        }),
    );
}

describeWithTools(["tar"], "publish-shots fails fast", ({ tar }) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await world.addNetwork("mainnet", { size: 64 * 1024 });
    // The unprivileged child reads the data dir and runs the fake octez-node.
    await chmod(world.dir, 0o755);
  });
  afterAll(() => world.close());

  it("PATH without lz4: fails naming lz4 before the lease, and octez-node exports nothing", async () => {
    const bin = join(world.dir, "bin-without-lz4");
    await mkdir(bin);
    await symlink(tar!, join(bin, "tar"));
    const result = await runBundle(world, world.inputs("mainnet"), { path: `${world.binDir}${delimiter}${bin}` });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain('::error::Invalid lz4 binary (got "lz4"): lz4 was not found on PATH (it compresses the tarball). Nothing was started');
    expect(result.stdout).toMatch(/Hint: Install lz4 \(apt-get install -y lz4/);
    expect(result.stdout).not.toMatch(/Target block|snapshot export/);
    // No lease, no artifact (the write probe is removed again).
    const keys: string[] = [];
    for await (const info of world.store.list()) keys.push(info.key);
    expect(keys).toEqual([]);
  });

  it("a read-only file:// bucket: a ConfigError naming the bucket, the operation and the permission; nothing exported", async () => {
    const bucket = await readOnlyFolder(join(world.dir, "read-only-bucket"));
    const url = pathToFileURL(bucket).href;
    const result = await runBundle(world, world.inputs("mainnet", { bucket: url }), { path: world.pathEnv, asUnprivileged: true });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain(`::error::Invalid bucket (got "${url}"): upload of ${url}/mainnet/.chainops-write-check failed: permission denied on ${bucket}/mainnet (EACCES from mkdir). Nothing was started`);
    expect(result.stdout).toMatch(new RegExp(`needs write and search \\(w\\+x\\) permission on ${bucket}\\.`));
    expect(result.stdout).not.toMatch(/Target block|this error was not expected/);
    expect(await readdir(bucket)).toEqual([]);
  });
});

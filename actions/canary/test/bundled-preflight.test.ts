// The bundled action as the runner runs it (node dist/index.js, INPUT_* variables): a deploy
// without helm, or onto a lease store it may not write, fails before the lease is taken.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { fakeExecutables, readOnlyFolder, unprivilegedUser, type FakeExecutables } from "@chainops/testkit";
import { chartDir } from "./world";

const bundle = fileURLToPath(new URL("../dist/index.js", import.meta.url));
let dir: string;
let fakes: FakeExecutables;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chainops-canary-preflight-"));
  chmodSync(dir, 0o755);
  fakes = fakeExecutables({ helm: { stdout: JSON.stringify({ name: "lotus-0", version: 3 }) }, kubectl: {} });
  chmodSync(fakes.dir, 0o777);
});
afterEach(() => {
  fakes.remove();
  chmodSync(join(dir), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** workflow_dispatch-style: command set, no GitHub token (no API gate), a local lease store. */
function runUpgrade(inputs: Record<string, string>, options: { path: string; asUnprivileged?: boolean }): Promise<{ code: number; stdout: string }> {
  const output = join(dir, "output");
  writeFileSync(output, "");
  chmodSync(output, 0o666);
  const env: NodeJS.ProcessEnv = { PATH: options.path, GITHUB_OUTPUT: output };
  const all = { command: "upgrade", release: "lotus-0", owner: "anton", "image-tag": "v1.28.0", chart: chartDir, releases: "lotus-0\nlotus-1", mode: "run", ...inputs };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle], { env, cwd: dir, ...(options.asUnprivileged ? unprivilegedUser() : {}) }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: stdout + stderr }),
    );
  });
}

it("without helm on PATH: fails naming helm, and no lease is taken", async () => {
  const store = join(dir, "store");
  const result = await runUpgrade({ store: pathToFileURL(store).href }, { path: join(dir, "empty-path") });
  expect(result.code, result.stdout).toBe(1);
  expect(result.stdout).toContain('::error::Invalid helm (got "helm"): helm was not found on PATH (it runs the upgrade). Nothing was started');
  expect(result.stdout).toMatch(/Hint: Install helm on the runner/);
  expect(existsSync(join(store, "canary-leases", "lotus-0.json"))).toBe(false);
});

it("a read-only file:// lease store: a ConfigError naming the store, the operation and the permission; helm never runs", async () => {
  const store = await readOnlyFolder(join(dir, "read-only-store"));
  const url = pathToFileURL(store).href;
  const result = await runUpgrade({ store: url, helm: fakes.path("helm"), kubectl: fakes.path("kubectl") }, { path: process.env.PATH ?? "", asUnprivileged: true });
  expect(result.code, result.stdout).toBe(1);
  expect(result.stdout).toContain(`::error::Invalid store (got "${url}"): upload of ${url}/canary-leases/.chainops-write-check failed: permission denied on ${store}/canary-leases (EACCES from mkdir). Nothing was started`);
  expect(result.stdout).toMatch(new RegExp(`needs write and search \\(w\\+x\\) permission on ${store}\\.`));
  expect(fakes.calls("helm")).toEqual([]);
  expect(readdirSync(store)).toEqual([]);
});

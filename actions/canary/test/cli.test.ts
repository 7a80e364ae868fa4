// `chainops canary …` from a terminal: the CLI adapter over the same run(), and `serve` for tweety's callers.
import { spawn } from "node:child_process";
import { execFile } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorld, type CanaryWorld } from "./world";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const cliArgs = ["--import", "tsx", "packages/cli/src/main.ts", "canary"];
let world: CanaryWorld;
beforeEach(() => {
  world = createWorld();
});
afterEach(() => world.close());

function common(): string[] {
  return ["--store", pathToFileURL(world.storeDir).href, "--chart", world.raw().chart, "--releases", "lotus-0,lotus-1", "--helm", world.fakes.path("helm"), "--kubectl", world.fakes.path("kubectl")];
}

describe("chainops canary", () => {
  it("upgrade and status from the terminal; bad input exits 1 naming it", async () => {
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [...cliArgs, ...args, ...common()], { cwd: root, env: { ...process.env, USER: "anton" } });
    await run("upgrade", "lotus-0", "--image-tag", "v1.28.0");
    expect(world.fakes.calls("helm")[0]).toContain("image.tag=v1.28.0");
    const { stdout } = await run("status");
    expect(stdout).toMatch(/lotus-0\s+\|?\s*busy/);
    expect(stdout).toContain("anton");
    await expect(run("upgrade", "../etc", "--image-tag", "v1")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Invalid release") });
  });

  it("serve answers JSON-RPC on 127.0.0.1 and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [...cliArgs, "serve", "--port", "0", ...common()], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (line) => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Acquire", params: [{ ReleaseName: "lotus-1", Owner: "anton" }], id: 68 }),
      });
      expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: 68, result: { Result: expect.stringContaining("anton holds lotus-1") } });
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
    expect(code).toBe(0);
  });
});

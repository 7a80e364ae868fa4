// `chainops canary …` from a terminal: the CLI adapter over the same run(), and `serve` for tweety's callers.
import { spawn } from "node:child_process";
import { execFile } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnChainops } from "../../../packages/cli/test/spawn-cli";
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

  it("upgrade with no --owner and $USER unset refuses naming --owner: no helm run, no lease", async () => {
    const run = await spawnChainops(["canary", "upgrade", "lotus-0", "--image-tag", "v1.28.0", ...common()], { env: { USER: "" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid --owner: is not set and \$USER is empty.*Example: chainops canary upgrade lotus-0 --owner anton/);
    expect(world.fakes.calls("helm")).toEqual([]);
    const status = await spawnChainops(["canary", "status", "--json", ...common()]);
    expect((JSON.parse(status.stdout).leases as Array<{ state: string }>).filter((l) => l.state === "busy")).toEqual([]);
  });

  it("--json: one JSON document on stdout for the operations and status, logs on stderr", async () => {
    const upgrade = await spawnChainops(["canary", "upgrade", "lotus-0", "--image-tag", "v1.28.0", "--owner", "anton", "--json", ...common()]);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(JSON.parse(upgrade.stdout)).toMatchObject({ status: "done", command: "upgrade", release: "lotus-0", "image-tag": "v1.28.0", "lease-owner": "anton" });
    expect(upgrade.stderr).toContain("lotus-0");
    const status = await spawnChainops(["canary", "status", "--json", ...common()]);
    expect(status.code).toBe(0);
    const leases = JSON.parse(status.stdout).leases as Array<{ release: string; state: string; owner?: string }>;
    expect(leases.find((l) => l.release === "lotus-0")).toMatchObject({ state: "busy", owner: "anton" });
    // A failure is a JSON document too, so a script reading stdout always gets one.
    const bad = await spawnChainops(["canary", "acquire", "lotus-9", "--owner", "anton", "--json", ...common()]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: "failed", error: { type: "ConfigError", input: "release" } });
  });

  it("Slack's token is SLACK_TOKEN here as everywhere; SLACK_BOT_TOKEN still works, with a warning", async () => {
    const old = await spawnChainops(["canary", "status", ...common()], { env: { SLACK_BOT_TOKEN: "xoxb-old", SLACK_CHANNEL: "C1" } });
    expect(old.code).toBe(0);
    expect(old.stderr).toContain("warning: SLACK_BOT_TOKEN is deprecated: set SLACK_TOKEN instead");
    expect(old.stderr + old.stdout).not.toContain("xoxb-old");
    const both = await spawnChainops(["canary", "status", ...common()], { env: { SLACK_BOT_TOKEN: "xoxb-old", SLACK_TOKEN: "xoxb-new" } });
    expect(both.stderr).toContain("SLACK_BOT_TOKEN is deprecated and ignored: SLACK_TOKEN is set");
    const current = await spawnChainops(["canary", "status", ...common()], { env: { SLACK_TOKEN: "xoxb-new" } });
    expect(current.stderr).toBe("");
  });
});

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

// A tiny action entry, bundled by esbuild as scripts/build.mjs bundles actions/*/src/main.ts.
const ENTRY = `
import { z } from "zod";
import { AbortedError, ConfigError, NotReadyError, UpstreamError } from "@chainops/shared";
import { runAction } from "@chainops/shared/action";
import { parseInputs, zDuration } from "@chainops/shared/config";
import { SummaryReport } from "@chainops/shared/summary";

const schema = z.object({
  mode: z.enum(["ok", "not-ready", "upstream", "crash", "config", "wait", "hang", "big"]),
  minInterval: zDuration().default(3_600_000),
  apiToken: z.string().optional(),
});

await runAction({
  name: "demo-action",
  inputs: ["mode", "min-interval", "api-token"],
  run: async (ctx) => {
    const config = parseInputs(schema, ctx.inputs);
    ctx.logger.info("using token " + config.apiToken);
    switch (config.mode) {
      case "ok": {
        setInterval(() => {}, 60_000); // a dangling handle, like a keep-alive socket or a retry timer
        await ctx.logger.group("Upload", async () => {
          await ctx.logger.group("Verify", async () => ctx.logger.info("sha256 ok"));
          ctx.logger.notice("uploaded mainnet/1.car.zst");
        });
        return {
          outputs: { ready: true, "interval-ms": config.minInterval, key: "mainnet/1.car.zst", details: { height: 1 }, skipped: undefined },
          summary: new SummaryReport().heading("Published").keyValues({ Key: "mainnet/1.car.zst", Note: "a|b" }),
        };
      }
      case "not-ready":
        throw new NotReadyError("lotus is 12 epochs behind the chain head", { hint: "it will be tried again on the next schedule" });
      case "upstream":
        throw new UpstreamError("GCS answered 503 for gs://snapshots/mainnet", { hint: "check the GCS status page and re-run" });
      case "config":
        throw new ConfigError("network", "is not known", { value: "mainet", example: "mainnet" });
      case "wait":
        ctx.logger.info("waiting for the upload");
        return await new Promise((_, reject) => {
          const upload = setInterval(() => {}, 1_000); // the transfer in progress
          ctx.signal.addEventListener("abort", () => {
            clearInterval(upload);
            reject(new AbortedError("upload cancelled; nothing was left under the final key"));
          });
        });
      case "big":
        return { summary: new SummaryReport().table(["Key", "SHA-256"], Array.from({ length: 12_000 }, (_, i) => ["mainnet/" + i + ".car.zst", { code: "f".repeat(64) }])) };
      case "hang":
        return await new Promise(() => {}); // a bug: a promise nothing will ever settle
      case "crash":
        throw new TypeError("cannot read properties of undefined (reading 'height')");
    }
  },
});
`;

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chainops-action-"));
  bundle = join(dir, "index.js");
  await build({
    stdin: { contents: ENTRY, resolveDir: repoRoot, loader: "ts", sourcefile: "main.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: bundle,
    logLevel: "silent",
    banner: { js: "import { createRequire as __cr } from 'node:module';\nconst require = __cr(import.meta.url);" },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

let runCount = 0;
function runStep(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Run {
  const step = join(dir, `step-${++runCount}`);
  const outputFile = `${step}.output`;
  const summaryFile = `${step}.summary`;
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: "o/r",
    GITHUB_RUN_ID: "42",
    ...extraEnv,
  };
  // As the runner passes inputs: INPUT_<NAME upper-cased, spaces → _> (dashes stay).
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [bundle], { env, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, outputs: parseOutputs(readFileSync(outputFile, "utf8")), summary: readFileSync(summaryFile, "utf8") };
}

// GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks.
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1]!] = match[3]!;
  return outputs;
}

describe("runAction, run as the runner runs a bundled action", () => {
  it("success: writes outputs and the job summary, and exits 0 despite a dangling timer", () => {
    const run = runStep({ mode: "ok", "min-interval": "90m", "api-token": "tok-abc123" });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ ready: "true", "interval-ms": "5400000", key: "mainnet/1.car.zst", details: '{"height":1}' });
    expect(run.summary).toBe("## Published\n\n| Item | Value |\n| --- | --- |\n| Key | mainnet/1.car.zst |\n| Note | a\\|b |\n");
    // groups do not nest on GitHub: the inner one is a line inside the outer group
    expect(run.stdout).toContain("::group::Upload\n▸ Verify\nsha256 ok\n::notice::uploaded mainnet/1.car.zst\n::endgroup::");
  });

  it("masks inputs whose names say they are secrets before any log line", () => {
    const run = runStep({ mode: "ok", "api-token": "tok-abc123" });
    const mask = run.stdout.indexOf("::add-mask::tok-abc123");
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(run.stdout.indexOf("using token tok-abc123")).toBeGreaterThan(mask);
  });

  it("NotReadyError: a notice, ready=false, a summary, and success", () => {
    const run = runStep({ mode: "not-ready" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("::notice::demo-action: not ready: lotus is 12 epochs behind the chain head%0AHint: it will be tried again on the next schedule");
    expect(run.outputs).toEqual({ ready: "false" });
    expect(run.summary).toContain("## demo-action: not ready");
    expect(run.stdout).not.toContain("::error::");
  });

  it("ChainopsError: fails with the message and the hint", () => {
    const run = runStep({ mode: "upstream" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::GCS answered 503 for gs://snapshots/mainnet%0AHint: check the GCS status page and re-run");
    expect(run.outputs).toEqual({});
    expect(run.summary).toContain("## demo-action failed");
    expect(run.summary).toContain("Hint: check the GCS status page and re-run");
  });

  it("bad input: fails naming the input, the bad value and an example", () => {
    const run = runStep({ mode: "ok", "min-interval": "6x" });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::Invalid min-interval \(got "6x"\): is not a duration .*Example: .*"6h"/);
    expect(runStep({ mode: "config" }).stdout).toContain('::error::Invalid network (got "mainet"): is not known. Example: mainnet');
  });

  it("an unknown error fails with its message; the stack goes to debug", () => {
    const run = runStep({ mode: "crash" }, { RUNNER_DEBUG: "1" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::cannot read properties of undefined (reading 'height')");
    expect(run.stdout).toMatch(/::debug::TypeError: cannot read properties/);
  });

  it("a cancelled workflow (SIGTERM) aborts ctx.signal so run() can clean up, and the step fails", async () => {
    const child = spawn(process.execPath, [bundle], {
      env: { PATH: process.env.PATH ?? "", INPUT_MODE: "wait", GITHUB_OUTPUT: join(dir, "wait.output"), GITHUB_STEP_SUMMARY: join(dir, "wait.summary") },
    });
    let stdout = "";
    const started = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("waiting for the upload")) resolve();
      });
    });
    await started;
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stdout).toContain("::warning::demo-action: received SIGTERM, stopping and cleaning up");
    expect(stdout).toContain("::error::upload cancelled; nothing was left under the final key");
  });

  it("a run() whose promise can never settle fails with a clear message instead of Node's exit 13", () => {
    const run = runStep({ mode: "hang" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::demo-action stopped before run() finished");
  });

  it("keeps the job summary under GitHub's 1 MiB limit, cut at a row, saying so", () => {
    const run = runStep({ mode: "big" });
    expect(run.status).toBe(0);
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.byteLength(run.summary)).toBeGreaterThan(900 * 1024);
    expect(run.summary).toMatch(/\|\n\n\*Summary truncated: it exceeded GitHub's 1 MiB limit\. The full details are in the step log\.\*\n$/);
  });

  it("without GITHUB_STEP_SUMMARY the summary is printed instead of failing", () => {
    const run = runStep({ mode: "ok" }, { GITHUB_STEP_SUMMARY: "" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Published\n=========");
  });
});

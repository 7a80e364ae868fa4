// One name per setting: old names keep working for now, with a warning that names the new one.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingLogger } from "@chainops/shared";
import { hostDeps } from "../src/host-deps";
import { envSetting } from "../src/settings";
import { Terminal } from "../src/terminal";
import { spawnChainops } from "./spawn-cli";

let work = "";
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "chainops-settings-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("renamed settings", () => {
  it("shots publish --s3-endpoint/--s3-region still parse, warn to use AWS_ENDPOINT_URL_S3/AWS_REGION, and are gone from --help", async () => {
    const run = await spawnChainops([
      "shots", "publish", "--network", "mainnet", "--history-mode", "rolling", "--data-dir", join(work, "no-such-dir"),
      "--bucket", pathToFileURL(join(work, "bucket")).href, "--s3-endpoint", "https://s3.example.org", "--s3-region", "eu-west-1",
    ]);
    expect(run.stderr).toContain("warning: --s3-endpoint is deprecated and will be removed: set AWS_ENDPOINT_URL_S3 in the environment instead");
    expect(run.stderr).toContain("warning: --s3-region is deprecated and will be removed: set AWS_REGION in the environment instead");
    // The run itself goes on to check its inputs as before: here the data dir is missing.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid data-dir .*does not exist/);
    const help = await spawnChainops(["shots", "publish", "--help"]);
    expect(help.stdout).not.toContain("--s3-endpoint");
    expect(help.stdout).toContain("--slack-channel");
  });

  it("an environment variable's old name is read with a warning, and ignored with one when the new name is set", () => {
    const logger = new RecordingLogger();
    expect(envSetting("SLACK_TOKEN", { env: { SLACK_BOT_TOKEN: "old" }, logger })).toBe("old");
    expect(envSetting("SLACK_TOKEN", { env: { SLACK_BOT_TOKEN: "old", SLACK_TOKEN: "new" }, logger })).toBe("new");
    expect(envSetting("SLACK_TOKEN", { env: { SLACK_TOKEN: "new" }, logger })).toBe("new");
    expect(envSetting("SLACK_TOKEN", { env: {}, logger })).toBeUndefined();
    expect(logger.messages("warning")).toEqual([
      "SLACK_BOT_TOKEN is deprecated: set SLACK_TOKEN instead (SLACK_BOT_TOKEN is still read for now).",
      "SLACK_BOT_TOKEN is deprecated and ignored: SLACK_TOKEN is set. Unset SLACK_BOT_TOKEN.",
    ]);
  });
});

describe("the host a CLI run holds its leases from", () => {
  it("is this process; with GITHUB_TOKEN it can ask GitHub whether a lease's run has finished", async () => {
    const asked: string[] = [];
    const api = createServer((request, response) => {
      asked.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ status: "completed" }));
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    try {
      const env = { GITHUB_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}` };
      const context = { logger: new RecordingLogger(), env, terminal: new Terminal(new PassThrough(), new PassThrough()), stdin: new PassThrough() };
      const withToken = await hostDeps(context, "ghs_test");
      expect(withToken.holder).toMatchObject({ name: expect.stringMatching(/ pid \d+$/), process: { pid: process.pid } });
      expect(await withToken.checkRun!({ repository: "o/r", runId: 42, attempt: 1 })).toBe("completed");
      expect(asked).toEqual(["GET /repos/o/r/actions/runs/42/attempts/1 token ghs_test"]);
      expect((await hostDeps(context)).checkRun).toBeUndefined();
    } finally {
      api.close();
    }
  });
});

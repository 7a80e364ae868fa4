// The committed action bundles load each cloud storage SDK only when a URL of its scheme is opened
// (a dynamic import, split by esbuild into dist/chunks/), and keep the other heavy SDKs out of
// index.js, so an action starts in a few times Node's own start-up (bench: cold-start).
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const actions = readdirSync(join(root, "actions")).filter((name) => readdirSync(join(root, "actions", name)).includes("dist"));

/** Packages whose code must not be in an action's index.js (esbuild starts each module with a "// node_modules/<path>" line). */
const KEPT_OUT = ["@aws-sdk/", "@smithy/", "@google-cloud/storage/", "google-auth-library/", "@slack/web-api/", "@octokit/", "undici/"];

describe("action bundles", () => {
  it.each(actions)("%s: index.js holds none of the cloud SDKs, Slack, Octokit or undici; the storage SDKs are chunks of their own", (name) => {
    const dist = join(root, "actions", name, "dist");
    const modules = readFileSync(join(dist, "index.js"), "utf8").match(/^\/\/ node_modules\/\S+/gm) ?? [];
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.filter((line) => KEPT_OUT.some((pkg) => line.startsWith(`// node_modules/${pkg}`)))).toEqual([]);
    const chunks = readdirSync(join(dist, "chunks"));
    expect(chunks.filter((file) => /^s3-store-\w+\.js$/.test(file))).toHaveLength(1);
    expect(chunks.filter((file) => /^gcs-store-\w+\.js$/.test(file))).toHaveLength(1);
  });

  describe("canary's bundle with one storage SDK chunk missing at a time", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "chainops-bundle-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs a copy of the bundle without the named chunks; returns its ::error:: line. */
    async function firstError(store: string, without: RegExp[]): Promise<string> {
      const copy = join(dir, `dist-${Math.random().toString(36).slice(2)}`);
      cpSync(join(root, "actions", "canary", "dist"), copy, { recursive: true });
      for (const file of readdirSync(join(copy, "chunks"))) if (without.some((pattern) => pattern.test(file))) rmSync(join(copy, "chunks", file));
      const env = { PATH: process.env.PATH, INPUT_STORE: store, INPUT_CHART: join(root, "actions", "canary", "example-chart"), INPUT_RELEASES: "lotus-0", INPUT_MODE: "run" };
      const result = await run(process.execPath, [join(copy, "index.js")], { env, cwd: dir }).catch((error: { stdout: string }) => error);
      return result.stdout.split("\n").find((line) => line.startsWith("::error::")) ?? "";
    }

    // Past openStore, canary stops at its next check: no command outside issue_comment.
    const pastOpenStore = /^::error::Invalid command: is required/;

    it("file:// needs neither chunk", async () => {
      expect(await firstError(pathToFileURL(join(dir, "bucket")).href, [/^s3-store-/, /^gcs-store-/])).toMatch(pastOpenStore);
    });

    it("s3:// loads the S3 chunk and only it", async () => {
      expect(await firstError("s3://bucket/canary", [/^gcs-store-/])).toMatch(pastOpenStore);
      expect(await firstError("s3://bucket/canary", [/^s3-store-/])).toMatch(/Cannot find module '.*\/chunks\/s3-store-\w+\.js'/);
    });

    it("gs:// loads the GCS chunk and only it", async () => {
      expect(await firstError("gs://bucket/canary", [/^s3-store-/])).toMatch(pastOpenStore);
      expect(await firstError("gs://bucket/canary", [/^gcs-store-/])).toMatch(/Cannot find module '.*\/chunks\/gcs-store-\w+\.js'/);
    });
  });
});

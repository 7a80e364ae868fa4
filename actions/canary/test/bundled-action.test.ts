// Runs the bundled action exactly as the runner does: node dist/index.js with GITHUB_* and INPUT_*
// variables, the GitHub API at a local HTTP server (nock cannot reach into a child process).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeExecutables, startCaptureServer, type CaptureServer, type FakeExecutables } from "@chainops/testkit";
import { ACTOR, COMMENT_ID, HEAD_SHA, PR_NUMBER, REPO, chartDir, commentPayload } from "./world";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../..", import.meta.url));
const bundle = join(root, "actions", "canary", "dist", "index.js");

describe("the bundled action (node actions/canary/dist/index.js)", () => {
  let dir: string;
  let api: CaptureServer;
  let fakes: FakeExecutables;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chainops-canary-bundle-"));
    fakes = fakeExecutables({ helm: { stdout: JSON.stringify({ name: "lotus-0", version: 3 }) }, kubectl: {} });
    api = await startCaptureServer({
      routes: [
        { method: "GET", path: `/repos/${REPO}/collaborators/:user/permission`, respond: { body: { permission: "write", role_name: "write" } } },
        { method: "GET", path: `/repos/${REPO}/pulls/${PR_NUMBER}`, respond: { body: { number: PR_NUMBER, html_url: `https://github.com/${REPO}/pull/${PR_NUMBER}`, head: { sha: HEAD_SHA, ref: "feature", repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } } } },
        { method: "POST", path: `/repos/${REPO}/issues/comments/${COMMENT_ID}/reactions`, respond: { status: 201, body: { id: 1 } } },
        { method: "POST", path: `/repos/${REPO}/issues/${PR_NUMBER}/comments`, respond: { status: 201, body: { id: 5, html_url: `https://github.com/${REPO}/pull/${PR_NUMBER}#issuecomment-5` } } },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    fakes?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers /lotusbot upgrade: reactions, helm, lease, reply, outputs and job summary", async () => {
    const eventPath = join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(commentPayload("/lotusbot upgrade lotus-0")));
    const outputFile = join(dir, "output");
    const summaryFile = join(dir, "summary.md");
    writeFileSync(outputFile, "");
    writeFileSync(summaryFile, "");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "issue_comment",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "4242",
      GITHUB_ACTOR: ACTOR,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      "INPUT_GITHUB-TOKEN": "ghs_test",
      INPUT_STORE: pathToFileURL(join(dir, "bucket")).href,
      INPUT_CHART: chartDir,
      INPUT_RELEASES: "lotus-0\nlotus-1",
      INPUT_HELM: fakes.path("helm"),
      INPUT_KUBECTL: fakes.path("kubectl"),
      INPUT_MODE: "run",
    };
    const { stdout } = await run(process.execPath, [bundle], { env, cwd: dir });
    expect(stdout).not.toContain("::error");

    const paths = api.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([
      `POST /repos/${REPO}/issues/comments/${COMMENT_ID}/reactions`,
      `GET /repos/${REPO}/collaborators/${ACTOR}/permission`,
      `GET /repos/${REPO}/pulls/${PR_NUMBER}`,
      `POST /repos/${REPO}/issues/comments/${COMMENT_ID}/reactions`,
      `POST /repos/${REPO}/issues/${PR_NUMBER}/comments`,
    ]);
    expect(api.requests.filter((r) => r.path.endsWith("/reactions")).map((r) => (r.body as { content: string }).content)).toEqual(["eyes", "rocket"]);
    expect(api.requests[0]!.headers.authorization).toBe("token ghs_test");
    const reply = (api.requests[4]!.body as { body: string }).body;
    expect(reply).toContain(HEAD_SHA);
    expect(reply).toContain("https://github.com/balena-user/github-app-test/actions/runs/4242");

    expect(fakes.calls("helm")).toHaveLength(1);
    expect(fakes.calls("helm")[0]).toContain(`image.tag=${HEAD_SHA}`);
    const lease = JSON.parse(readFileSync(join(dir, "bucket", "canary-leases", "lotus-0.json"), "utf8"));
    expect(lease).toMatchObject({ holder: ACTOR, helmRevision: 3 });
    expect(lease).not.toHaveProperty("released_at");

    const outputs = readFileSync(outputFile, "utf8");
    expect(outputs).toMatch(/result<<.*\ndone\n/);
    expect(outputs).toMatch(/helm-revision<<.*\n3\n/);
    expect(readFileSync(summaryFile, "utf8")).toContain("lotusbot upgrade");
  });
});

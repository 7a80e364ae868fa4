// The local world the canary tests run in: the real issue_comment payload, GitHub REST answered
// by nock, fake helm/kubectl on disk, a file:// lease store.
import { mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import nock from "nock";
import { getOctokit } from "@actions/github";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { FileStore } from "@chainops/shared/storage";
import { fakeExecutables, readConformanceJson, type FakeExecutables } from "@chainops/testkit";
import { loadCanaryConfig } from "../src/config";
import type { GitHubContext, RunDeps } from "../src/run";

export const API = "https://api.github.test";
export const REPO = "balena-user/github-app-test";
export const ACTOR = "balena-user";
export const PR_NUMBER = 2;
export const COMMENT_ID = 222;
export const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";
export const PAYLOAD_FILE = "github-webhooks/basejump.issue_comment.created.pull_request.json";
export const chartDir = fileURLToPath(new URL("../example-chart", import.meta.url));

type Payload = Record<string, any>;

/** The real PR-comment payload with only the body (and, where a test says so, action/user) changed. */
export function commentPayload(body: string, change: (payload: Payload) => void = () => {}): Payload {
  const payload = structuredClone(readConformanceJson<Payload>(PAYLOAD_FILE));
  payload.comment.body = body;
  change(payload);
  return payload;
}

export interface GitHubFake {
  reactions: string[];
  replies: string[];
  permissionCalls: number;
  pullCalls: number;
}

/** GitHub REST for one repository, answered by nock; records what the action sent. */
export function fakeGitHub(options: { permission?: string; fork?: boolean; headSha?: string; commits?: Record<string, string> } = {}): GitHubFake {
  const state: GitHubFake = { reactions: [], replies: [], permissionCalls: 0, pullCalls: 0 };
  const permission = options.permission ?? "write";
  const legacy = permission === "maintain" ? "write" : permission === "triage" ? "read" : permission;
  const scope = nock(API).persist();
  scope.post(/\/repos\/balena-user\/github-app-test\/issues\/comments\/\d+\/reactions/).reply(201, (_uri, body) => {
    state.reactions.push((body as { content: string }).content);
    return { id: state.reactions.length, content: (body as { content: string }).content };
  });
  scope.get(/\/repos\/balena-user\/github-app-test\/collaborators\/[^/]+\/permission/).reply(() => {
    state.permissionCalls++;
    return [200, { permission: legacy, role_name: permission, user: { login: ACTOR } }];
  });
  scope.get(`/repos/${REPO}/pulls/${PR_NUMBER}`).reply(() => {
    state.pullCalls++;
    const head = options.fork ? "someone/github-app-test" : REPO;
    return [200, { number: PR_NUMBER, state: "open", html_url: `https://github.com/${REPO}/pull/${PR_NUMBER}`, head: { sha: options.headSha ?? HEAD_SHA, ref: "feature", repo: { full_name: head } }, base: { ref: "main", repo: { full_name: REPO } } }];
  });
  for (const [ref, sha] of Object.entries(options.commits ?? {})) scope.get(`/repos/${REPO}/commits/${encodeURIComponent(ref)}`).reply(200, { sha });
  scope.post(`/repos/${REPO}/issues/${PR_NUMBER}/comments`).reply(201, (_uri, body) => {
    state.replies.push((body as { body: string }).body);
    return { id: 1000 + state.replies.length, html_url: `https://github.com/${REPO}/pull/${PR_NUMBER}#issuecomment-${1000 + state.replies.length}` };
  });
  return state;
}

export interface CanaryWorld {
  dir: string;
  storeDir: string;
  store: FileStore;
  fakes: FakeExecutables;
  clock: ManualClock;
  logger: RecordingLogger;
  raw(extra?: Record<string, string>): Record<string, string> & { chart: string };
  deps(github?: Partial<GitHubContext>, extra?: Partial<RunDeps>): RunDeps;
  config(extra?: Record<string, string>): ReturnType<typeof loadCanaryConfig>;
  leaseFiles(): string[];
  close(): void;
}

export function createWorld(): CanaryWorld {
  const dir = mkdtempSync(join(tmpdir(), "chainops-canary-"));
  const storeDir = join(dir, "bucket");
  const store = new FileStore(storeDir);
  const fakes = fakeExecutables({
    helm: { script: (argv: string[]) => (argv[0] === "upgrade" || argv[0] === "install" ? JSON.stringify({ name: argv[argv.length - 2], version: 7, info: { status: "deployed" } }) : "") },
    kubectl: { stdout: "" },
  });
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const logger = new RecordingLogger();
  const raw = (extra: Record<string, string> = {}) => ({
    store: pathToFileURL(storeDir).href,
    chart: chartDir,
    releases: "lotus-0, lotus-1",
    helm: fakes.path("helm"),
    kubectl: fakes.path("kubectl"),
    ...extra,
  });
  const api = getOctokit("test-token", { baseUrl: API, request: { fetch: globalThis.fetch } });
  return {
    dir,
    storeDir,
    store,
    fakes,
    clock,
    logger,
    raw,
    config: (extra) => loadCanaryConfig(raw(extra)),
    deps: (github, extra) => ({
      store,
      clock,
      logger,
      github: { api, eventName: "issue_comment", payload: {}, repository: REPO, actor: ACTOR, runUrl: `https://github.com/${REPO}/actions/runs/42`, ...github },
      ...extra,
    }),
    leaseFiles: () => (existsSync(join(storeDir, "canary-leases")) ? readdirSync(join(storeDir, "canary-leases")) : []),
    close: () => {
      fakes.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
}

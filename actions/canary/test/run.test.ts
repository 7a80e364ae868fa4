import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJson } from "@chainops/shared/storage";
import { fakeExecutables, startCaptureServer, grafanaApi, slackApi, slackPayload, type CaptureServer } from "@chainops/testkit";
import { createGrafana, createSlack } from "@chainops/shared/notify";
import { acquireLease, type LeaseDocument } from "../src/leases";
import { run } from "../src/run";
import nock from "nock";
import { ACTOR, API, HEAD_SHA, REPO, commentPayload, createWorld, fakeGitHub, resetNock, type CanaryWorld } from "./world";

let world: CanaryWorld;
beforeEach(() => {
  resetNock();
  world = createWorld();
});
afterEach(() => world.close());

async function comment(body: string, options: { change?: (p: Record<string, any>) => void; raw?: Record<string, string> } = {}) {
  return run(world.config(options.raw), world.deps({ payload: commentPayload(body, options.change) }));
}

describe("/lotusbot upgrade from a PR comment", () => {
  it("reacts, deploys the PR head SHA with helm, takes the lease and replies with the run link", async () => {
    const github = fakeGitHub();
    const result = await comment("/lotusbot upgrade lotus-0");

    expect(result.status).toBe("done");
    expect(github.reactions).toEqual(["eyes", "rocket"]);
    expect(github.pullCalls).toBe(1);
    expect(world.fakes.calls("helm")).toEqual([
      ["upgrade", "--install", "--namespace", "lotus", "--wait", "--timeout", "1800s", "--atomic", "--output", "json", "--set-string", `image.tag=${HEAD_SHA}`, "lotus-0", world.raw().chart],
    ]);
    expect(world.fakes.calls("kubectl")).toEqual([]);
    const lease = await readJson<{ expires_at: string }>(world.store, "canary-leases/lotus-0.json");
    expect(lease?.value).toMatchObject({ release: "lotus-0", holder: ACTOR, ref: HEAD_SHA, imageTag: HEAD_SHA, pr: 2, helmRevision: 7 });
    expect(lease?.value).not.toHaveProperty("released_at");
    expect(Date.parse(lease!.value.expires_at) - world.clock.now()).toBe(24 * 3600 * 1000);
    expect(github.replies).toHaveLength(1);
    expect(github.replies[0]).toContain(HEAD_SHA);
    expect(github.replies[0]).toContain("| helm revision | 7 |");
    expect(github.replies[0]).toContain("https://github.com/balena-user/github-app-test/actions/runs/42");
    expect(result.outputs).toMatchObject({ result: "done", release: "lotus-0", "image-tag": HEAD_SHA, "helm-revision": "7", "lease-owner": ACTOR });
  });

  it("accepts tweety's order <ref> <release> <owner> and resolves a branch ref once", async () => {
    const other = "fedcba9876543210fedcba9876543210fedcba98";
    const github = fakeGitHub({ commits: { "release/v1.28": other } });
    const result = await comment(`/lotusbot upgrade release/v1.28 lotus-1 ${ACTOR}`, { raw: { "image-tag-template": "sha-{short_sha}" } });
    expect(result.status).toBe("done");
    expect(world.fakes.calls("helm")[0]).toContain("image.tag=sha-fedcba9");
    expect(world.fakes.calls("helm")[0]).toContain("lotus-1");
    expect(github.reactions).toEqual(["eyes", "rocket"]);
  });

  it("refuses an owner in the command that is not the commenter", async () => {
    const github = fakeGitHub();
    const result = await comment(`/lotusbot upgrade ${HEAD_SHA} lotus-0 someone-else`);
    expect(result.status).toBe("refused");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
    expect(github.reactions).toEqual(["eyes", "-1"]);
    expect(github.replies[0]).toContain("must be you");
  });

  it("a ref that does not exist is refused with a reply, not a failed run", async () => {
    const github = fakeGitHub();
    nock(API).get(`/repos/${REPO}/commits/no-such-branch`).reply(422, { message: "No commit found for SHA: no-such-branch" });
    const result = await comment("/lotusbot upgrade lotus-0 no-such-branch");
    expect(result.status).toBe("refused");
    expect(github.replies[0]).toContain("no commit named no-such-branch");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("install-snapshot wipes the data volumes and installs with the snapshot value", async () => {
    fakeGitHub();
    await comment("/lotusbot install-snapshot lotus-0", { raw: { "snapshot-url": "https://snapshots.example.org/minimal/latest" } });
    const helm = world.fakes.calls("helm");
    expect(helm[0]).toEqual(["uninstall", "lotus-0", "--namespace", "lotus", "--wait", "--timeout", "1800s", "--ignore-not-found"]);
    expect(world.fakes.calls("kubectl")).toEqual([["delete", "pvc", "--namespace", "lotus", "--selector", "release=lotus-0", "--ignore-not-found", "--wait=true", "--timeout=1800s"]]);
    expect(helm[1]).toEqual(expect.arrayContaining(["--set", "importSnapshot.enabled=true", "--set-string", "importSnapshot.url=https://snapshots.example.org/minimal/latest"]));
  });

  it("announces deploys to Grafana (tags lotusbot, release, command; time now) and Slack", async () => {
    fakeGitHub();
    const capture: CaptureServer = await startCaptureServer({ routes: [...grafanaApi(), ...slackApi()] });
    try {
      const logger = world.logger;
      const grafana = createGrafana({ url: capture.url, token: "glsa_test", logger, clock: world.clock });
      const slack = createSlack({ token: "xoxb-test", channel: "C1", apiUrl: `${capture.url}/api/`, logger });
      await run(world.config(), world.deps({ payload: commentPayload("/lotusbot upgrade lotus-0") }, { grafana, slack }));
      const [annotation] = capture.requestsTo("/api/annotations", "POST");
      expect(annotation?.body).toMatchObject({ tags: ["lotusbot", "lotus-0", "upgrade"], time: world.clock.now() });
      expect(String((annotation?.body as { text: string }).text)).toContain("https://github.com/balena-user/github-app-test/pull/2");
      const [message] = capture.requestsTo("/api/chat.postMessage", "POST");
      expect(slackPayload(message!).text).toContain("lotusbot upgrade lotus-0 succeeded");
    } finally {
      await capture.close();
    }
  });

  it("a failed helm upgrade is announced too (Grafana tag failed, Slack FAILED) and answered with 👎", async () => {
    const github = fakeGitHub();
    const capture: CaptureServer = await startCaptureServer({ routes: [...grafanaApi(), ...slackApi()] });
    const failing = fakeExecutables({ helm: { stderr: "Error: UPGRADE FAILED: timed out waiting for the condition\n", exitCode: 1 } });
    try {
      const logger = world.logger;
      const grafana = createGrafana({ url: capture.url, token: "glsa_test", logger, clock: world.clock });
      const slack = createSlack({ token: "xoxb-test", channel: "C1", apiUrl: `${capture.url}/api/`, logger });
      const deps = world.deps({ payload: commentPayload("/lotusbot upgrade lotus-0") }, { grafana, slack });
      await expect(run(world.config({ helm: failing.path("helm") }), deps)).rejects.toThrow(/helm/);
      const [annotation] = capture.requestsTo("/api/annotations", "POST");
      expect(annotation?.body).toMatchObject({ tags: ["lotusbot", "lotus-0", "upgrade", "failed"] });
      expect(String((annotation?.body as { text: string }).text)).toContain("FAILED");
      const [message] = capture.requestsTo("/api/chat.postMessage", "POST");
      expect(slackPayload(message!).text).toContain("lotusbot upgrade lotus-0 FAILED");
      expect(github.reactions).toEqual(["eyes", "-1"]);
      expect(github.replies[0]).toContain("UPGRADE FAILED");
    } finally {
      failing.remove();
      await capture.close();
    }
  });
});

describe("leases through comments", () => {
  it("a non-owner cannot deploy on a busy canary; nothing is spawned", async () => {
    await acquireLease({ store: world.store, prefix: "canary-leases", clock: world.clock }, { release: "lotus-0", owner: "alice", ttlMs: 3600_000 });
    const github = fakeGitHub();
    const result = await comment("/lotusbot upgrade lotus-0");
    expect(result.status).toBe("refused");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(github.reactions).toEqual(["eyes", "-1"]);
    expect(github.replies[0]).toContain("held by alice");
  });

  it("--force needs the force permission (admin); an admin may force", async () => {
    await acquireLease({ store: world.store, prefix: "canary-leases", clock: world.clock }, { release: "lotus-0", owner: "alice", ttlMs: 3600_000 });
    fakeGitHub({ permission: "write" });
    expect((await comment("/lotusbot upgrade lotus-0 --force")).status).toBe("refused");
    expect(world.fakes.calls("helm")).toEqual([]);

    resetNock();
    fakeGitHub({ permission: "admin" });
    const forced = await comment("/lotusbot upgrade lotus-0 --force");
    expect(forced.status).toBe("done");
    expect(forced.outputs["lease-owner"]).toBe(ACTOR);
    expect(world.fakes.calls("helm")).toHaveLength(1);
  });

  it("an expired lease can be taken, and release frees it", async () => {
    await acquireLease({ store: world.store, prefix: "canary-leases", clock: world.clock }, { release: "lotus-0", owner: "alice", ttlMs: 3600_000 });
    world.clock.advance(3600_001);
    fakeGitHub();
    expect((await comment("/lotusbot acquire lotus-0")).outputs["lease-owner"]).toBe(ACTOR);
    const freed = await comment("/lotusbot free lotus-0");
    expect(freed.status).toBe("done");
    expect((await readJson<{ released_at?: string }>(world.store, "canary-leases/lotus-0.json"))?.value.released_at).toBeDefined();
  });

  it("status replies with a table of canaries", async () => {
    await acquireLease({ store: world.store, prefix: "canary-leases", clock: world.clock }, { release: "lotus-1", owner: "alice", ttlMs: 3600_000 });
    const github = fakeGitHub();
    await comment("/lotusbot status");
    expect(github.replies[0]).toContain("| `lotus-0` | free |");
    expect(github.replies[0]).toMatch(/\| `lotus-1` \| busy \| alice \|/);
  });
});

describe("who and what is ignored or refused, with no side effect", () => {
  it("a read-only commenter is refused before anything runs", async () => {
    const github = fakeGitHub({ permission: "read" });
    const result = await comment("/lotusbot upgrade lotus-0");
    expect(result.status).toBe("refused");
    expect(github.reactions).toEqual(["eyes", "-1"]);
    expect(github.pullCalls).toBe(0);
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("a triage commenter is refused too when write is required", async () => {
    fakeGitHub({ permission: "triage" });
    expect((await comment("/lotusbot acquire lotus-0")).status).toBe("refused");
    expect(world.leaseFiles()).toEqual([]);
  });

  it.each([
    ["a bot", (p: Record<string, any>) => { p.comment.user.type = "Bot"; p.comment.user.login = "dependabot[bot]"; }],
    ["an edited comment", (p: Record<string, any>) => { p.action = "edited"; }],
    ["a deleted comment", (p: Record<string, any>) => { p.action = "deleted"; }],
    ["a plain issue", (p: Record<string, any>) => { delete p.issue.pull_request; }],
  ])("%s is ignored without a single API call", async (_name, change) => {
    // No nock interceptors and no network: any API call would throw.
    const result = await comment("/lotusbot upgrade lotus-0", { change });
    expect(result.status).toBe("ignored");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("a fork PR is refused unless allow-forks", async () => {
    const github = fakeGitHub({ fork: true });
    expect((await comment("/lotusbot upgrade lotus-0")).status).toBe("refused");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(github.replies[0]).toContain("forks");
    resetNock();
    fakeGitHub({ fork: true });
    expect((await comment("/lotusbot upgrade lotus-0", { raw: { "allow-forks": "true" } })).status).toBe("done");
  });
});

describe("parse mode (the workflow's read-only first job)", () => {
  it("outputs the validated release without deploying or leasing", async () => {
    const github = fakeGitHub();
    const result = await comment("/lotusbot upgrade lotus-1", { raw: { mode: "parse" } });
    expect(result.outputs).toMatchObject({ result: "accepted", command: "upgrade", release: "lotus-1" });
    expect(github.reactions).toEqual(["eyes"]);
    expect(github.replies).toEqual([]);
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("outputs the PR head SHA it resolved, and the deploy job deploys that commit even after a push", async () => {
    fakeGitHub();
    const parsed = await comment("/lotusbot upgrade lotus-1", { raw: { mode: "parse" } });
    expect(parsed.outputs.ref).toBe(HEAD_SHA);

    // Someone pushes while the deploy job waits for the environment's approval.
    resetNock();
    const pushed = "9999999999999999999999999999999999999999";
    const github = fakeGitHub({ headSha: pushed });
    const result = await comment("/lotusbot upgrade lotus-1", { raw: { "resolved-ref": parsed.outputs.ref! } });
    expect(result.outputs).toMatchObject({ result: "done", ref: HEAD_SHA, "image-tag": HEAD_SHA });
    expect(world.fakes.calls("helm")[0]).toContain(`image.tag=${HEAD_SHA}`);
    expect(world.fakes.calls("helm").flat().join(" ")).not.toContain(pushed);
    expect(github.replies[0]).toContain(HEAD_SHA);
    expect(world.logger.text()).toContain(`head moved to ${pushed}`);
  });

  it("resolves a typed branch in the parse job, and a missing one is answered there", async () => {
    const other = "fedcba9876543210fedcba9876543210fedcba98";
    fakeGitHub({ commits: { "release/v1.28": other } });
    const parsed = await comment("/lotusbot upgrade lotus-1 release/v1.28", { raw: { mode: "parse" } });
    expect(parsed.outputs).toMatchObject({ result: "accepted", ref: other });

    resetNock();
    const github = fakeGitHub();
    nock(API).get(`/repos/${REPO}/commits/gone`).reply(404, { message: "Not Found" });
    const refused = await comment("/lotusbot upgrade lotus-1 gone", { raw: { mode: "parse" } });
    expect(refused.status).toBe("refused");
    expect(github.replies[0]).toContain("no commit named gone");
  });
});

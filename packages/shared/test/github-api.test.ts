import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getOctokit } from "@actions/github";
import { ConfigError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { checkPermission, getCollaboratorPermission, permissionAtLeast } from "../src/github/check-permission";
import { isTeamMember } from "../src/github/check-team-membership";
import { buildRunUrl, postReply, truncateCommentBody } from "../src/github/post-reply";
import { reactToComment } from "../src/github/react-to-comment";
import { resolveCommit } from "../src/github/resolve-commit";
import { resolvePullRequest } from "../src/github/resolve-pull-request";

const API = "https://api.github.test";
const repo = { owner: "o", repo: "r" };
const api = getOctokit("t", { baseUrl: API, request: { fetch: globalThis.fetch, retries: 0 } });
const SHA = "a".repeat(40);

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe("permission gate", () => {
  it.each([
    [{ permission: "admin", role_name: "admin" }, "admin", true],
    [{ permission: "write", role_name: "maintain" }, "maintain", true],
    [{ permission: "write", role_name: "write" }, "write", true],
    [{ permission: "read", role_name: "triage" }, "triage", false],
    [{ permission: "read", role_name: "read" }, "read", false],
    [{ permission: "none" }, "none", false],
    [{ permission: "write" }, "write", true],
  ])("%j → %s (write required: %s)", async (body, level, allowed) => {
    nock(API).get("/repos/o/r/collaborators/alice/permission").reply(200, body);
    expect(await checkPermission(api, repo, "alice", "write")).toEqual({ allowed, level });
  });

  it("treats a non-collaborator (404) as none and other failures as upstream errors", async () => {
    nock(API).get("/repos/o/r/collaborators/eve/permission").reply(404, { message: "Not Found" });
    expect(await getCollaboratorPermission(api, repo, "eve")).toBe("none");
    nock(API).get("/repos/o/r/collaborators/eve/permission").reply(500, { message: "boom" });
    await expect(getCollaboratorPermission(api, repo, "eve")).rejects.toBeInstanceOf(UpstreamError);
  });

  it("orders levels", () => {
    expect(permissionAtLeast("maintain", "write")).toBe(true);
    expect(permissionAtLeast("triage", "write")).toBe(false);
  });

  it("checks team membership (active only)", async () => {
    nock(API).get("/orgs/acme/teams/ops/memberships/alice").reply(200, { state: "active", role: "member" });
    nock(API).get("/orgs/acme/teams/ops/memberships/bob").reply(200, { state: "pending" });
    nock(API).get("/orgs/acme/teams/ops/memberships/eve").reply(404, {});
    expect(await isTeamMember(api, { org: "acme", slug: "ops" }, "alice")).toBe(true);
    expect(await isTeamMember(api, { org: "acme", slug: "ops" }, "bob")).toBe(false);
    expect(await isTeamMember(api, { org: "acme", slug: "ops" }, "eve")).toBe(false);
  });
});

describe("reactions and replies", () => {
  it("reacts, and only warns when reacting fails", async () => {
    const logger = new RecordingLogger();
    let sent: unknown;
    nock(API).post("/repos/o/r/issues/comments/7/reactions", (body) => ((sent = body), true)).reply(201, { id: 1 });
    expect(await reactToComment(api, repo, 7, "eyes", logger)).toBe(true);
    expect(sent).toEqual({ content: "eyes" });
    nock(API).post("/repos/o/r/issues/comments/7/reactions").reply(403, { message: "Resource not accessible by integration" });
    expect(await reactToComment(api, repo, 7, "rocket", logger)).toBe(false);
    expect(logger.messages("warning")[0]).toContain("rocket");
  });

  it("posts replies (cut to GitHub's limit) and builds run links", async () => {
    let sent: { body: string } | undefined;
    nock(API).post("/repos/o/r/issues/3/comments", (body) => ((sent = body), true)).reply(201, { id: 9, html_url: "https://github.com/o/r/pull/3#issuecomment-9" });
    expect(await postReply(api, repo, 3, "x".repeat(70_000))).toEqual({ id: 9, url: "https://github.com/o/r/pull/3#issuecomment-9" });
    expect(sent!.body.length).toBe(65_536);
    expect(truncateCommentBody("short")).toBe("short");
    expect(buildRunUrl({ serverUrl: "https://github.com/", repository: "o/r", runId: 5 })).toBe("https://github.com/o/r/actions/runs/5");
    expect(buildRunUrl({ serverUrl: "https://github.com", repository: "o/r", runId: 5, runAttempt: 2 })).toBe("https://github.com/o/r/actions/runs/5/attempts/2");
  });
});

describe("pull request head and refs", () => {
  it("resolves the head SHA once and tells forks apart", async () => {
    nock(API).get("/repos/o/r/pulls/4").reply(200, { head: { sha: SHA, ref: "f", repo: { full_name: "o/r" } }, base: { repo: { full_name: "o/r" } }, state: "open", html_url: "u" });
    expect(await resolvePullRequest(api, repo, 4)).toMatchObject({ headSha: SHA, fromFork: false, headRef: "f" });
    nock(API).get("/repos/o/r/pulls/4").reply(200, { head: { sha: SHA, ref: "f", repo: { full_name: "mallory/r" } }, base: { repo: { full_name: "o/r" } } });
    expect(await resolvePullRequest(api, repo, 4)).toMatchObject({ fromFork: true });
    nock(API).get("/repos/o/r/pulls/4").reply(200, { head: { sha: SHA, ref: "f", repo: null }, base: { repo: { full_name: "o/r" } } });
    expect(await resolvePullRequest(api, repo, 4)).toMatchObject({ fromFork: true, headRepository: null });
    nock(API).get("/repos/o/r/pulls/4").reply(200, { head: { sha: "not-a-sha" }, base: {} });
    await expect(resolvePullRequest(api, repo, 4)).rejects.toBeInstanceOf(UpstreamError);
  });

  it("resolves a ref to a commit SHA; a full SHA needs no call", async () => {
    expect(await resolveCommit(api, repo, SHA)).toBe(SHA);
    nock(API).get("/repos/o/r/commits/v1.2.3").reply(200, { sha: "b".repeat(40) });
    expect(await resolveCommit(api, repo, "v1.2.3")).toBe("b".repeat(40));
    nock(API).get("/repos/o/r/commits/nope").reply(422, { message: "No commit found for SHA: nope" });
    await expect(resolveCommit(api, repo, "nope")).rejects.toBeInstanceOf(ConfigError);
  });
});

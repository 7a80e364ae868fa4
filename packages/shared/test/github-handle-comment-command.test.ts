import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { getOctokit } from "@actions/github";
import { RecordingLogger } from "@chainops/shared";
import { handleCommentCommand } from "../src/github/handle-comment-command";
import type { Grammar } from "../src/github/parse-command";

const API = "https://api.github.test";
const api = getOctokit("t", { baseUrl: API, request: { fetch: globalThis.fetch, retries: 0 } });
const grammar: Grammar = { word: "/bot", commands: [{ name: "ping", summary: "answers pong", args: [{ name: "target", pattern: /[a-z]+/ }] }] };
const SHA = "c".repeat(40);

function payload(body: string) {
  return {
    action: "created",
    issue: { number: 5, pull_request: { url: "x" } },
    comment: { id: 77, body, user: { login: "alice", type: "User" } },
    repository: { name: "r", owner: { login: "o" } },
  };
}

/** Records the order of API calls. */
function github(permission: string, fork = false) {
  const calls: string[] = [];
  const scope = nock(API).persist();
  scope.post("/repos/o/r/issues/comments/77/reactions").reply(201, (_u, body) => (calls.push(`react ${(body as { content: string }).content}`), { id: 1 }));
  scope.get("/repos/o/r/collaborators/alice/permission").reply(200, () => (calls.push("permission"), { permission }));
  scope.get("/repos/o/r/pulls/5").reply(200, () => (calls.push("pull"), { head: { sha: SHA, repo: { full_name: fork ? "x/r" : "o/r" } }, base: { repo: { full_name: "o/r" } } }));
  scope.post("/repos/o/r/issues/5/comments").reply(201, (_u, body) => (calls.push(`reply ${(body as { body: string }).body}`), { id: 2, html_url: "reply-url" }));
  return calls;
}

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});

describe("handleCommentCommand", () => {
  const run = (body: string, handler = async () => ({ ok: true, message: "pong" })) =>
    handleCommentCommand({ api, eventName: "issue_comment", payload: payload(body), grammar, logger: new RecordingLogger(), runUrl: "https://run", handler });

  it("👀 first, then permission, parse, PR head, handler, 🚀 and a reply with the run link", async () => {
    const calls = github("write");
    let seenSha = "";
    const result = await run("/bot ping me", async (ctx?: any) => ((seenSha = ctx.pullRequest.headSha), { ok: true, message: "pong" }));
    expect(calls).toEqual(["react eyes", "permission", "pull", "react rocket", "reply pong\n\n<sub>[workflow run](https://run)</sub>"]);
    expect(seenSha).toBe(SHA);
    expect(result).toMatchObject({ status: "done", ok: true, replyUrl: "reply-url" });
  });

  it("refuses read permission before parsing or reading the PR", async () => {
    const calls = github("read");
    const result = await run("/bot ping me", async () => { throw new Error("must not run"); });
    expect(result.status).toBe("refused");
    expect(calls.slice(0, 3)).toEqual(["react eyes", "permission", "react -1"]);
    expect(calls[3]).toContain("needs **write** permission");
  });

  it("answers bad grammar with usage, forks with a refusal, and a failing handler with 👎 before rethrowing", async () => {
    let calls = github("admin");
    expect((await run("/bot ping ME")).status).toBe("usage");
    expect(calls.at(-1)).toContain("Usage");
    nock.cleanAll();
    calls = github("admin", true);
    expect((await run("/bot ping me")).status).toBe("refused");
    expect(calls.at(-1)).toContain("forks");
    nock.cleanAll();
    calls = github("admin");
    await expect(run("/bot ping me", async () => { throw new Error("helm exploded"); })).rejects.toThrow("helm exploded");
    expect(calls.slice(-2)[0]).toBe("react -1");
    expect(calls.at(-1)).toContain("helm exploded");
  });

  it("a handler returning null stops quietly after the checks (parse-only job)", async () => {
    const calls = github("write");
    const result = await run("/bot ping me", async () => null as never);
    expect(result.status).toBe("accepted");
    expect(calls).toEqual(["react eyes", "permission", "pull"]);
  });
});

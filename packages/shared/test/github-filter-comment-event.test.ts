import { expect, it } from "vitest";
import { describeConformance, readConformanceJson } from "@chainops/testkit";
import { filterCommentEvent } from "../src/github/filter-comment-event";

type Payload = Record<string, any>;
const WORD = { commandWord: "/bot" };

describeConformance("filterCommentEvent on real webhook payloads", () => {
  const pr = (body: string, change: (p: Payload) => void = () => {}) => {
    const payload = structuredClone(readConformanceJson<Payload>("github-webhooks/basejump.issue_comment.created.pull_request.json"));
    payload.comment.body = body;
    change(payload);
    return payload;
  };

  it("hands on a new PR comment by a person that starts with the word", () => {
    expect(filterCommentEvent("issue_comment", pr("/bot status"), WORD)).toEqual({
      handle: true,
      event: {
        repo: { owner: "balena-user", repo: "github-app-test" },
        issueNumber: 2,
        commentId: 222,
        body: "/bot status",
        actor: "balena-user",
        commentUrl: "https://github.com/balena-user/github-app-test/pull/2#issuecomment-222",
      },
    });
  });

  it.each([
    ["another event", "pull_request", pr("/bot status"), "not issue_comment"],
    ["an edit", "issue_comment", pr("/bot status", (p) => (p.action = "edited")), "edited"],
    ["a bot (type)", "issue_comment", pr("/bot status", (p) => (p.comment.user.type = "Bot")), "bot"],
    ["a bot (login)", "issue_comment", pr("/bot status", (p) => (p.comment.user.login = "renovate[bot]")), "bot"],
    ["another word", "issue_comment", pr("please /bot status"), "does not start"],
  ])("ignores %s", (_name, event, payload, reason) => {
    expect(filterCommentEvent(event, payload, WORD)).toEqual({ handle: false, reason: expect.stringContaining(reason) });
  });

  it("ignores comments on plain issues (octokit's issue_comment example)", () => {
    const payload = structuredClone(readConformanceJson<Payload>("github-webhooks/octokit.issue_comment.created.payload.json"));
    payload.comment.body = "/bot status";
    expect(filterCommentEvent("issue_comment", payload, WORD)).toEqual({ handle: false, reason: expect.stringContaining("plain issue") });
  });

  it("never trusts author_association", () => {
    const owner = pr("/bot status", (p) => (p.comment.author_association = "OWNER"));
    const none = pr("/bot status", (p) => (p.comment.author_association = "NONE"));
    expect(filterCommentEvent("issue_comment", owner, WORD)).toEqual(filterCommentEvent("issue_comment", none, WORD));
  });
});

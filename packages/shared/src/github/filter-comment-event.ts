import type { RepoRef } from "./types";

/** What the ChatOps layer keeps from an issue_comment webhook payload. */
export interface CommentCommandEvent {
  repo: RepoRef;
  issueNumber: number;
  commentId: number;
  body: string;
  /** The commenter's login: the only identity we trust (never author_association). */
  actor: string;
  commentUrl?: string;
}

export type FilterResult = { handle: true; event: CommentCommandEvent } | { handle: false; reason: string };

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined);

/**
 * Decides whether a webhook is a command for us: issue_comment, newly created (not edited or
 * deleted), written by a person (not a bot), on a pull request (not a plain issue), starting
 * with the command word. Anything else is ignored without a reaction.
 */
export function filterCommentEvent(eventName: string, payload: unknown, options: { commandWord: string }): FilterResult {
  if (eventName !== "issue_comment") return { handle: false, reason: `event ${eventName} is not issue_comment` };
  const root = obj(payload);
  if (!root) return { handle: false, reason: "the event payload is empty" };
  if (root.action !== "created") return { handle: false, reason: `comment was ${String(root.action)}, only new comments are commands` };
  const comment = obj(root.comment);
  const issue = obj(root.issue);
  const repository = obj(root.repository);
  const user = obj(comment?.user);
  if (!comment || !issue || !repository || !user) return { handle: false, reason: "the payload has no comment, issue, repository or user" };
  const login = typeof user.login === "string" ? user.login : "";
  if (user.type === "Bot" || login.endsWith("[bot]")) return { handle: false, reason: `comment by bot ${login} ignored` };
  if (!obj(issue.pull_request)) return { handle: false, reason: "comment on a plain issue, not a pull request" };
  const body = typeof comment.body === "string" ? comment.body : "";
  const word = options.commandWord;
  // Same test as the workflow's cheap pre-filter; the tokenizer then insists on the exact word.
  if (!body.startsWith(word)) {
    return { handle: false, reason: `comment does not start with ${word}` };
  }
  const owner = obj(repository.owner)?.login;
  if (typeof owner !== "string" || typeof repository.name !== "string" || typeof issue.number !== "number" || typeof comment.id !== "number" || !login) {
    return { handle: false, reason: "the payload is missing the repository, issue number, comment id or login" };
  }
  return {
    handle: true,
    event: {
      repo: { owner, repo: repository.name },
      issueNumber: issue.number,
      commentId: comment.id,
      body,
      actor: login,
      commentUrl: typeof comment.html_url === "string" ? comment.html_url : undefined,
    },
  };
}

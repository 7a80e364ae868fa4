import { UpstreamError } from "../core/errors";
import type { GitHubApi, RepoRef } from "./types";

/** GitHub refuses comment bodies above 65536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/** Link to the workflow run, e.g. https://github.com/o/r/actions/runs/123 (attempt appended when > 1). */
export function buildRunUrl(options: { serverUrl: string; repository: string; runId: string | number; runAttempt?: string | number }): string {
  const base = `${options.serverUrl.replace(/\/+$/, "")}/${options.repository}/actions/runs/${options.runId}`;
  const attempt = Number(options.runAttempt ?? 1);
  return attempt > 1 ? `${base}/attempts/${attempt}` : base;
}

/** Cuts a body to GitHub's limit, saying so at the end. */
export function truncateCommentBody(body: string, max = MAX_COMMENT_LENGTH): string {
  if (body.length <= max) return body;
  const note = "\n\n…(truncated: see the workflow run for the full output)";
  return body.slice(0, max - note.length) + note;
}

/** Posts a reply on the pull request's conversation; returns the new comment's id and URL. */
export async function postReply(api: GitHubApi, repo: RepoRef, issueNumber: number, body: string): Promise<{ id: number; url: string }> {
  try {
    const { data } = await api.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...repo,
      issue_number: issueNumber,
      body: truncateCommentBody(body),
    });
    const record = data as { id?: number; html_url?: string };
    return { id: record.id ?? 0, url: record.html_url ?? "" };
  } catch (error) {
    throw new UpstreamError(`Could not comment on ${repo.owner}/${repo.repo}#${issueNumber}: ${(error as Error).message}`, {
      cause: error,
      hint: "The job needs `pull-requests: write` and `issues: write` permissions for its GITHUB_TOKEN.",
    });
  }
}

import { UpstreamError } from "../core/errors";
import type { GitHubApi, RepoRef } from "./types";

export interface PullRequestHead {
  number: number;
  /** The head commit, read once: every later step uses this SHA, not the branch. */
  headSha: string;
  headRef: string;
  /** owner/name of the head repository; null when the fork was deleted. */
  headRepository: string | null;
  baseRepository: string;
  /** True when the head lives in another repository (or its repository is gone). */
  fromFork: boolean;
  state: string;
  htmlUrl: string;
}

const SHA = /^[0-9a-f]{40}$/;

/** GET /repos/{owner}/{repo}/pulls/{number}, once, at the start of a command. */
export async function resolvePullRequest(api: GitHubApi, repo: RepoRef, number: number): Promise<PullRequestHead> {
  let data: unknown;
  try {
    ({ data } = await api.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: number }));
  } catch (error) {
    throw new UpstreamError(`Could not read pull request ${repo.owner}/${repo.repo}#${number}: ${(error as Error).message}`, {
      cause: error,
      hint: "The job needs `pull-requests: read` (or write) for its GITHUB_TOKEN.",
      retryable: true,
    });
  }
  const pr = data as {
    head?: { sha?: unknown; ref?: unknown; repo?: { full_name?: unknown } | null };
    base?: { repo?: { full_name?: unknown } };
    state?: unknown;
    html_url?: unknown;
  };
  const headSha = typeof pr.head?.sha === "string" ? pr.head.sha : "";
  if (!SHA.test(headSha)) throw new UpstreamError(`Pull request #${number} has no usable head SHA (got ${JSON.stringify(pr.head?.sha)})`);
  const headRepository = typeof pr.head?.repo?.full_name === "string" ? pr.head.repo.full_name : null;
  const baseRepository = typeof pr.base?.repo?.full_name === "string" ? pr.base.repo.full_name : `${repo.owner}/${repo.repo}`;
  return {
    number,
    headSha,
    headRef: typeof pr.head?.ref === "string" ? pr.head.ref : "",
    headRepository,
    baseRepository,
    fromFork: headRepository === null || headRepository.toLowerCase() !== baseRepository.toLowerCase(),
    state: typeof pr.state === "string" ? pr.state : "unknown",
    htmlUrl: typeof pr.html_url === "string" ? pr.html_url : "",
  };
}

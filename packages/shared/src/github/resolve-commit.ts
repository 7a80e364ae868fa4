import { ConfigError, UpstreamError } from "../core/errors";
import type { GitHubApi, RepoRef } from "./types";

const SHA = /^[0-9a-f]{40}$/;

/**
 * Turns a ref the user typed (branch, tag or SHA prefix, already validated) into a full commit SHA,
 * once, via GET /repos/{owner}/{repo}/commits/{ref}. A full SHA is returned as is.
 */
export async function resolveCommit(api: GitHubApi, repo: RepoRef, ref: string): Promise<string> {
  if (SHA.test(ref)) return ref;
  let data: unknown;
  try {
    ({ data } = await api.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repo, ref }));
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) {
      throw new ConfigError("ref", `no commit named ${ref} in ${repo.owner}/${repo.repo}`, { value: ref, example: "a full 40-character commit SHA, a branch or a tag" });
    }
    throw new UpstreamError(`Could not resolve ${ref} in ${repo.owner}/${repo.repo}: ${(error as Error).message}`, { cause: error, retryable: true });
  }
  const sha = (data as { sha?: unknown }).sha;
  if (typeof sha !== "string" || !SHA.test(sha)) throw new UpstreamError(`GitHub answered no commit SHA for ${ref}`);
  return sha;
}

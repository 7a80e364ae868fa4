import { getOctokit } from "@actions/github";
import { githubRunCheck, type GitHubRunCheck } from "../lease/holder-gone";

/**
 * The lease's check whether a holder's GitHub run is still going, from a token (the action's
 * github-token input, or GITHUB_TOKEN for the CLI); undefined without one. The token needs
 * `actions: read` on private repositories; without it the check fails and the lease waits out its TTL.
 */
export function githubRunCheckFromToken(token: string | undefined, env: NodeJS.ProcessEnv): GitHubRunCheck | undefined {
  if (!token) return undefined;
  return githubRunCheck(getOctokit(token, { baseUrl: env.GITHUB_API_URL || "https://api.github.com" }));
}

import { githubRunCheck, type GitHubRunCheck } from "../lease/holder-gone";

/**
 * The lease's check whether a holder's GitHub run is still going, from a token (the action's
 * github-token input, or GITHUB_TOKEN for the CLI); undefined without one. The token needs
 * `actions: read` on private repositories; without it the check fails and the lease waits out its TTL.
 */
export function githubRunCheckFromToken(token: string | undefined, env: NodeJS.ProcessEnv): GitHubRunCheck | undefined {
  if (!token) return undefined;
  // Octokit (~1 MB with its HTTP stack) loads only when a holder's run must actually be checked.
  let check: Promise<GitHubRunCheck> | undefined;
  return async (run) => {
    check ??= import("@actions/github").then(({ getOctokit }) => githubRunCheck(getOctokit(token, { baseUrl: env.GITHUB_API_URL || "https://api.github.com" })));
    return (await check)(run);
  };
}

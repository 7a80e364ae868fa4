import { UpstreamError } from "../core/errors";
import type { GitHubApi } from "./types";

/**
 * True when username is an active member of org/team (GET /orgs/{org}/teams/{team_slug}/memberships/{username}).
 * 404 means not a member. The token needs read:org, which the default GITHUB_TOKEN lacks: use an app or PAT token.
 */
export async function isTeamMember(api: GitHubApi, team: { org: string; slug: string }, username: string): Promise<boolean> {
  try {
    const { data } = await api.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org: team.org, team_slug: team.slug, username });
    return (data as { state?: unknown }).state === "active";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw new UpstreamError(`Could not read ${username}'s membership of ${team.org}/${team.slug}: ${(error as Error).message}`, {
      cause: error,
      hint: "Team checks need a token with read:org (a GitHub App token or a PAT); the default GITHUB_TOKEN cannot read team membership.",
    });
  }
}

/**
 * The slice of Octokit the ChatOps layer uses. An Octokit from @actions/github's getOctokit()
 * satisfies it; the adapter builds one and passes it in, so nothing here reads the environment.
 */
export interface GitHubApi {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Parses "owner/name" (GITHUB_REPOSITORY); null when it is not that shape. */
export function parseRepository(fullName: string): RepoRef | null {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName);
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

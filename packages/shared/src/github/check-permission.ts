import { UpstreamError } from "../core/errors";
import type { GitHubApi, RepoRef } from "./types";

/** Repository roles from weakest to strongest. */
export const PERMISSION_LEVELS = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export function isPermissionLevel(value: string): value is PermissionLevel {
  return (PERMISSION_LEVELS as readonly string[]).includes(value);
}

export function permissionAtLeast(actual: PermissionLevel, required: PermissionLevel): boolean {
  return PERMISSION_LEVELS.indexOf(actual) >= PERMISSION_LEVELS.indexOf(required);
}

/**
 * The commenter's role on the repository, from GET /repos/{owner}/{repo}/collaborators/{username}/permission.
 * `role_name` carries triage/maintain; the legacy `permission` field only admin/write/read/none.
 * A 404 means not a collaborator: "none".
 */
export async function getCollaboratorPermission(api: GitHubApi, repo: RepoRef, username: string): Promise<PermissionLevel> {
  let data: unknown;
  try {
    ({ data } = await api.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...repo, username }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "none";
    throw new UpstreamError(`Could not read ${username}'s permission on ${repo.owner}/${repo.repo}: ${(error as Error).message}`, {
      cause: error,
      hint: "The workflow token needs read access to the repository (contents: read); check the GitHub status page if this persists.",
      retryable: true,
    });
  }
  const record = (data ?? {}) as { role_name?: unknown; permission?: unknown };
  for (const candidate of [record.role_name, record.permission]) {
    if (typeof candidate === "string" && isPermissionLevel(candidate)) return candidate;
  }
  return "none";
}

export async function checkPermission(
  api: GitHubApi,
  repo: RepoRef,
  username: string,
  required: PermissionLevel,
): Promise<{ allowed: boolean; level: PermissionLevel }> {
  const level = await getCollaboratorPermission(api, repo, username);
  return { allowed: permissionAtLeast(level, required), level };
}

import type { Logger } from "../core/logger";
import type { GitHubApi, RepoRef } from "./types";

export type Reaction = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/** Human-readable names of the reactions we use (for logs). */
export const REACTIONS = { seen: "eyes", success: "rocket", failure: "-1" } as const satisfies Record<string, Reaction>;

/**
 * Adds a reaction to an issue comment. Reactions are a courtesy: a failure is a warning,
 * never the reason a deploy fails.
 */
export async function reactToComment(api: GitHubApi, repo: RepoRef, commentId: number, content: Reaction, logger: Logger): Promise<boolean> {
  try {
    await api.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { ...repo, comment_id: commentId, content });
    return true;
  } catch (error) {
    logger.warning(`Could not add the ${content} reaction to comment ${commentId}: ${(error as Error).message}`);
    return false;
  }
}

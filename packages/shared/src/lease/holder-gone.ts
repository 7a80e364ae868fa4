import { processState, type ProcessIdentity } from "../core/process-identity";
import { describeError } from "../core/errors";
import type { Logger } from "../core/logger";
import type { GitHubApi } from "../github/types";
import type { GitHubRunRef, LeaseHolder } from "./holder";

/** Whether a GitHub Actions run attempt is still going. Throws when it cannot tell. */
export type GitHubRunCheck = (run: GitHubRunRef) => Promise<"running" | "completed">;

/**
 * Asks the REST API (GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number});
 * status "completed" means that attempt is over, whatever its conclusion. The token needs
 * `actions: read` on private repositories.
 */
export function githubRunCheck(api: GitHubApi): GitHubRunCheck {
  return async (run) => {
    const [owner, repo] = run.repository.split("/");
    const { data } = await api.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}", {
      owner,
      repo,
      run_id: run.runId,
      attempt_number: run.attempt,
    });
    return (data as { status?: unknown }).status === "completed" ? "completed" : "running";
  };
}

/**
 * Why the holder is provably gone, or undefined when it may still be running: its process on
 * this host is not (another boot, no such pid, a reused pid), or GitHub reports its run attempt
 * completed. A holder known only by name (a person) is never "gone".
 */
export async function whyHolderIsGone(
  holder: LeaseHolder,
  options: { here?: ProcessIdentity; checkRun?: GitHubRunCheck; logger?: Logger },
): Promise<string | undefined> {
  if (holder.process) {
    const { state, reason } = processState(holder.process, options.here);
    if (state === "gone") return reason;
    if (state === "alive") return undefined;
  }
  if (holder.githubRun && options.checkRun) {
    const run = holder.githubRun;
    const what = `run ${run.runId} attempt ${run.attempt} of ${run.repository}`;
    try {
      if ((await options.checkRun(run)) === "completed") return `GitHub reports ${what} completed`;
    } catch (error) {
      options.logger?.warning(`Could not ask GitHub whether ${what} is still going (${describeError(error).split("\n")[0]}); treating it as running.`);
    }
  }
  return undefined;
}

import { systemClock } from "@chainops/shared";
import type { CliContext } from "./command";
import { githubRunCheckFromToken } from "@chainops/shared/action";
import { holderFromEnvironment } from "@chainops/shared/lease";

/** What every action's run() takes from the host the CLI runs on (the caller adds onProgress). */
export async function hostDeps(context: CliContext) {
  const { storeOptionsFromEnv } = await import("@chainops/shared/storage");
  // In a workflow step the CLI's lease records the GitHub run too.
  const holder = holderFromEnvironment(context.env);
  return {
    logger: context.logger,
    clock: systemClock,
    storeOptions: storeOptionsFromEnv(context.env),
    runId: holder.name,
    holder,
    checkRun: githubRunCheckFromToken(context.env.GITHUB_TOKEN, context.env),
    env: context.env,
    pathEnv: context.env.PATH,
  };
}

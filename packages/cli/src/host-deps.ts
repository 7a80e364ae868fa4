import { systemClock } from "@chainops/shared";
import type { CliContext } from "./command";

/**
 * What every action's run() takes from the host the CLI runs on (the caller adds onProgress). With a
 * GitHub token ($GITHUB_TOKEN) a lease held by a GitHub run that has finished is taken over at once.
 */
export async function hostDeps(context: CliContext, githubToken?: string) {
  const [{ storeOptionsFromEnv }, { holderFromEnvironment }, { githubRunCheckFromToken }] = await Promise.all([
    import("@chainops/shared/storage"),
    import("@chainops/shared/lease"),
    import("@chainops/shared/action"),
  ]);
  // This process (host and pid, or the GitHub run it is part of) holds any lease the run takes,
  // so a later run can prove it gone and take over.
  const holder = holderFromEnvironment(context.env);
  return {
    logger: context.logger,
    clock: systemClock,
    storeOptions: storeOptionsFromEnv(context.env),
    runId: holder.name,
    holder,
    checkRun: githubRunCheckFromToken(githubToken, context.env),
    env: context.env,
    pathEnv: context.env.PATH,
  };
}

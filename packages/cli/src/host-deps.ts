import { hostname } from "node:os";
import { systemClock } from "@chainops/shared";
import type { CliContext } from "./command";

/** What every action's run() takes from the host the CLI runs on (the caller adds onProgress). */
export async function hostDeps(context: CliContext) {
  const { storeOptionsFromEnv } = await import("@chainops/shared/storage");
  return {
    logger: context.logger,
    clock: systemClock,
    storeOptions: storeOptionsFromEnv(context.env),
    runId: `${hostname()} pid ${process.pid}`,
    env: context.env,
    pathEnv: context.env.PATH,
  };
}

import { hostname } from "node:os";
import { systemClock } from "@chainops/shared";
import type { CliContext } from "./command";
import { storeOptionsFromEnv } from "@chainops/shared/storage";

/** What every action's run() takes from the host the CLI runs on (the caller adds onProgress). */
export function hostDeps(context: CliContext) {
  return {
    logger: context.logger,
    clock: systemClock,
    storeOptions: storeOptionsFromEnv(context.env),
    runId: `${hostname()} pid ${process.pid}`,
    env: context.env,
    pathEnv: context.env.PATH,
  };
}

// Thin GitHub adapter: inputs → run() → outputs and job summary (errors mapped by runAction).
import { githubRunCheckFromToken, runAction } from "@chainops/shared/action";
import { storeOptionsFromEnv } from "@chainops/shared/storage";
import { INPUT_NAMES, parseConfig } from "./config";
import { run } from "./run";

await runAction({
  name: "export-snapshot",
  inputs: INPUT_NAMES,
  notReadyOutputs: { ready: "false", status: "not-ready" },
  run: async (ctx) => {
    const config = parseConfig({ ...ctx.inputs, "lotus-path": ctx.inputs["lotus-path"] || process.env.LOTUS_PATH || "" });
    const env = process.env;
    const result = await run(config, { logger: ctx.logger, clock: ctx.clock, signal: ctx.signal, runId: ctx.runId, holder: ctx.holder, checkRun: githubRunCheckFromToken(config.githubToken, env), runUrl: ctx.runUrl, env, pathEnv: env.PATH, storeOptions: storeOptionsFromEnv(env) });
    return { outputs: result.outputs, summary: result.summary };
  },
});

// Thin GitHub adapter: inputs → run() → outputs and job summary (errors mapped by runAction).
import { hostname } from "node:os";
import { runAction } from "@chainops/shared/action";
import { INPUT_NAMES, parseConfig } from "./config";
import { run } from "./run";

await runAction({
  name: "export-snapshot",
  inputs: INPUT_NAMES,
  notReadyOutputs: { ready: "false", status: "not-ready" },
  run: async (ctx) => {
    const config = parseConfig({ ...ctx.inputs, "lotus-path": ctx.inputs["lotus-path"] || process.env.LOTUS_PATH || "" });
    const env = process.env;
    const runId = env.GITHUB_RUN_ID ? `github run ${env.GITHUB_RUN_ID} attempt ${env.GITHUB_RUN_ATTEMPT ?? 1} on ${hostname()}` : `${hostname()} pid ${process.pid}`;
    const result = await run(config, { logger: ctx.logger, clock: ctx.clock, signal: ctx.signal, runId, runUrl: ctx.runUrl, env, pathEnv: env.PATH });
    return { outputs: result.outputs, summary: result.summary };
  },
});

// Thin GitHub adapter: inputs → run() → outputs and job summary (errors mapped by runAction).
import { githubRunCheckFromToken, runAction } from "@chainops/shared/action";
import { adapterDeps } from "./adapter-clients";
import { INPUTS, loadNetworkConfig } from "./config";
import { run } from "./run";

const ADAPTER_INPUTS = ["slack-token", "slack-channel", "cloudflare-token", "github-token"] as const;

await runAction({
  name: "deploy-network",
  inputs: [...Object.values(INPUTS), ...ADAPTER_INPUTS],
  run: async (ctx) => {
    const config = loadNetworkConfig(ctx.inputs);
    const deps = await adapterDeps({
      config,
      logger: ctx.logger,
      clock: ctx.clock,
      env: process.env,
      slackToken: ctx.inputs["slack-token"],
      slackChannel: ctx.inputs["slack-channel"],
      cloudflareToken: ctx.inputs["cloudflare-token"],
      runId: ctx.runId,
    });
    const checkRun = githubRunCheckFromToken(ctx.inputs["github-token"] || process.env.GITHUB_TOKEN, process.env);
    const result = await run(config, { ...deps, holder: ctx.holder, checkRun });
    return { outputs: result.outputs, summary: result.report };
  },
});

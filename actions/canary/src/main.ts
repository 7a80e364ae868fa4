// Thin GitHub adapter: inputs → run() → outputs and job summary (errors mapped by runAction).
import { readFileSync } from "node:fs";
import { runAction } from "@chainops/shared/action";
import { createGrafana, createSlack } from "@chainops/shared/notify";
import { openStore, storeOptionsFromEnv } from "@chainops/shared/storage";
import { INPUTS, loadCanaryConfig } from "./config";
import { run } from "./run";

const ADAPTER_INPUTS = ["github-token", "slack-token", "slack-channel", "grafana-url", "grafana-token"] as const;

await runAction({
  name: "canary",
  inputs: [...Object.values(INPUTS), ...ADAPTER_INPUTS],
  run: async (ctx) => {
    const config = loadCanaryConfig(ctx.inputs);
    const env = process.env;
    const eventPath = env.GITHUB_EVENT_PATH;
    const payload: unknown = eventPath ? JSON.parse(readFileSync(eventPath, "utf8")) : {};
    const token = ctx.inputs["github-token"] || env.GITHUB_TOKEN || "";
    // Octokit (~1 MB with its HTTP stack) loads only when there is a token to use it with.
    const github = token
      ? {
          api: (await import("@actions/github")).getOctokit(token, { baseUrl: env.GITHUB_API_URL || "https://api.github.com" }),
          eventName: env.GITHUB_EVENT_NAME ?? "",
          payload,
          repository: env.GITHUB_REPOSITORY ?? "",
          actor: env.GITHUB_ACTOR ?? "",
          runUrl: ctx.runUrl,
        }
      : undefined;
    const store = await openStore(config.store, storeOptionsFromEnv(env), INPUTS.store);
    const result = await run(config, {
      store,
      clock: ctx.clock,
      logger: ctx.logger,
      github,
      slack: createSlack({ token: ctx.inputs["slack-token"], channel: ctx.inputs["slack-channel"], logger: ctx.logger }),
      grafana: createGrafana({ url: ctx.inputs["grafana-url"], token: ctx.inputs["grafana-token"], logger: ctx.logger, clock: ctx.clock }),
    });
    return { outputs: result.outputs, summary: result.report };
  },
});

// GitHub adapter: inputs → parseConfig → run() → outputs and job summary.
import { githubRunCheckFromToken, runAction } from "@chainops/shared/action";
import { storeOptionsFromEnv } from "@chainops/shared/storage";
import { deprecationWarnings } from "@chainops/shared/config";
import { INPUT_NAMES, parseConfig } from "./config";
import { DEPRECATED_INPUTS } from "./deprecated-inputs";
import { buildOutputs, buildReport } from "./report";
import { run } from "./run";

await runAction({
  name: "publish-shots",
  inputs: INPUT_NAMES,
  notReadyOutputs: { published: "false" },
  run: async ({ logger, inputs, clock, signal, runUrl, runId, holder }) => {
    for (const warning of deprecationWarnings(inputs, DEPRECATED_INPUTS)) logger.warning(warning);
    const config = parseConfig({ ...inputs, org: inputs.org || process.env.GITHUB_REPOSITORY_OWNER || "", "work-dir": inputs["work-dir"] || process.env.RUNNER_TEMP || "" });
    const checkRun = githubRunCheckFromToken(config.githubToken, process.env);
    const result = await run(config, { logger, clock, signal, runId, holder, checkRun, runUrl, storeOptions: storeOptionsFromEnv(process.env) });
    return { outputs: buildOutputs(result), summary: buildReport(result) };
  },
});

import * as core from "@actions/core";
import { systemClock, type Clock } from "../core/clock";
import { ChainopsError, NotReadyError } from "../core/errors";
import type { Logger } from "../core/logger";
import { holderFromEnvironment, type LeaseHolder } from "../lease/holder";
import { SummaryReport } from "../summary/report";
import { coreLogger } from "./core-logger";
import { getInputs } from "./inputs";

export type OutputValue = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

export interface ActionContext {
  logger: Logger;
  /** The inputs named in RunActionOptions.inputs, raw, for parseInputs. */
  inputs: Record<string, string>;
  clock: Clock;
  /** Aborted when the workflow is cancelled (SIGINT/SIGTERM): stop and clean up. */
  signal: AbortSignal;
  /** Link to this workflow run, for Slack messages and summaries (undefined outside Actions). */
  runUrl: string | undefined;
  /** Who holds a lease: "github run <id> attempt <n> on <host>", or "<host> pid <pid>" outside Actions. */
  runId: string;
  /** The same, with this process and its GitHub run, so a later run can prove it gone. */
  holder: LeaseHolder;
}

export interface ActionResult {
  outputs?: Record<string, OutputValue>;
  summary?: SummaryReport;
}

export interface RunActionOptions {
  /** Shown in the job summary and failure messages, e.g. "export-snapshot". */
  name: string;
  /** Input names (as in action.yml) read into ctx.inputs. */
  inputs?: readonly string[];
  run: (ctx: ActionContext) => Promise<ActionResult>;
  /** Outputs set when run() throws NotReadyError; default { ready: "false" }. */
  notReadyOutputs?: Record<string, OutputValue>;
}

/**
 * The one GitHub adapter: builds the context, calls run(), maps errors, writes outputs and the
 * job summary, then exits explicitly so a dangling handle (a keep-alive socket, a retry timer)
 * cannot keep the step running, as actions/cache does.
 *   NotReadyError → notice + notReadyOutputs, success.
 *   ChainopsError → setFailed(message + hint).   Anything else → setFailed(message), stack in debug.
 */
export async function runAction(options: RunActionOptions): Promise<never> {
  const logger = coreLogger();
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(1); // second signal: stop now
    logger.warning(`${options.name}: received ${signal}, stopping and cleaning up`);
    controller.abort(new Error(`cancelled (${signal})`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // If run() awaits a promise nothing can settle, Node exits with code 13 and a cryptic warning.
  let finished = false;
  process.on("exit", () => {
    if (!finished) core.setFailed(`${options.name} stopped before run() finished: it awaited something that can never complete (a bug in the action)`);
  });

  let exitCode = 0;
  const holder = holderFromEnvironment(process.env);
  try {
    const result = await options.run({
      logger,
      inputs: getInputs(options.inputs ?? []),
      clock: systemClock,
      signal: controller.signal,
      runUrl: runUrl(process.env),
      runId: holder.name,
      holder,
    });
    setOutputs(result.outputs ?? {});
    await writeSummary(result.summary, logger);
  } catch (error) {
    if (error instanceof NotReadyError) {
      core.notice(`${options.name}: not ready: ${describe(error)}`);
      setOutputs(options.notReadyOutputs ?? { ready: "false" });
      await writeSummary(new SummaryReport().heading(`${options.name}: not ready`).paragraph(describe(error)), logger);
    } else {
      exitCode = 1;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Error && error.stack && !(error instanceof ChainopsError)) core.debug(error.stack);
      if (error instanceof Error && error.cause !== undefined) core.debug(`caused by: ${error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause)}`);
      core.setFailed(describe(error));
      const report = new SummaryReport().heading(`${options.name} failed`).paragraph(message);
      if (hintOf(error)) report.paragraph(`Hint: ${hintOf(error)}`);
      await writeSummary(report, logger);
    }
  }
  finished = true;
  process.exitCode = exitCode;
  process.exit(exitCode);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintOf(error);
  return hint ? `${message}\nHint: ${hint}` : message;
}

function hintOf(error: unknown): string {
  return error instanceof ChainopsError && error.hint ? error.hint : "";
}

function setOutputs(outputs: Record<string, OutputValue>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined || value === null) continue;
    core.setOutput(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
}

// The summary is a courtesy: without GITHUB_STEP_SUMMARY (local runs) or on a write error, warn and go on.
async function writeSummary(report: SummaryReport | undefined, logger: Logger): Promise<void> {
  if (!report || report.isEmpty) return;
  if (!process.env.GITHUB_STEP_SUMMARY) {
    logger.debug("GITHUB_STEP_SUMMARY is not set; printing the summary instead");
    logger.info(report.toText());
    return;
  }
  try {
    await core.summary.addRaw(withinSummaryLimit(report.toMarkdown())).write();
  } catch (error) {
    logger.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}

// GitHub refuses a step summary over 1 MiB; cut at a line boundary and say so.
const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 1024;
function withinSummaryLimit(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_LIMIT_BYTES) return markdown;
  let cut = markdown.slice(0, SUMMARY_LIMIT_BYTES);
  while (Buffer.byteLength(cut) > SUMMARY_LIMIT_BYTES - 200) cut = cut.slice(0, Math.floor(cut.length * 0.95));
  return `${cut.slice(0, cut.lastIndexOf("\n") + 1)}\n*Summary truncated: it exceeded GitHub's 1 MiB limit. The full details are in the step log.*\n`;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

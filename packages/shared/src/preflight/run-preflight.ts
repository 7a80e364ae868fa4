import { ChainopsError, ConfigError, describeError } from "../core/errors";
import type { Logger } from "../core/logger";
import { fail, type CheckOutcome, type CheckResult, type PreflightCheck } from "./types";

/** Every failed check of a run, as one ConfigError: the first failure's input, all problems and fixes. */
export class PreflightError extends ConfigError {
  readonly results: CheckResult[];
  constructor(results: CheckResult[]) {
    const failed = results.filter((r) => !r.ok);
    const [first, ...others] = failed;
    const also = others.map((r) => ` Also ${r.name}: ${r.detail}.`).join("");
    super(first!.input, `${first!.detail}.${also} Nothing was started: this is checked before any work or lease`, {
      value: first!.value,
      hint: failed.map((r) => (failed.length > 1 ? `${r.name}: ${r.fix}` : r.fix)).join("\n"),
    });
    this.results = results;
  }
}

/**
 * Runs every check (at once: each is a lookup or a small request) and returns all results in
 * list order, so a table shows everything wrong, not only the first thing. A check that throws
 * counts as failed with the error's message and hint.
 */
export async function runPreflight(checks: readonly PreflightCheck[], options: { signal?: AbortSignal } = {}): Promise<CheckResult[]> {
  const outcomes = await Promise.all(checks.map((check) => check.run(options.signal).catch((error: unknown) => failureOf(error))));
  return checks.map((check, i) => {
    const outcome = outcomes[i]!;
    return outcome.ok
      ? { name: check.name, input: check.input, ok: true, detail: outcome.detail }
      : { name: check.name, input: check.input, ok: false, detail: outcome.problem, fix: outcome.fix, ...(outcome.value === undefined ? {} : { value: outcome.value }) };
  });
}

/** Runs the checks, logs one line each, and throws a PreflightError when any failed. */
export async function checkBeforeRun(checks: readonly PreflightCheck[], options: { logger: Logger; signal?: AbortSignal }): Promise<CheckResult[]> {
  if (checks.length === 0) return [];
  const results = await options.logger.group("Preflight checks", async () => {
    const results = await runPreflight(checks, options);
    for (const line of results.map(formatCheckResult)) options.logger.info(line);
    return results;
  });
  if (results.some((r) => !r.ok)) throw new PreflightError(results);
  return results;
}

/** "✓ zstd on PATH: /usr/bin/zstd" or "✗ bucket writable: … — fix: …" */
export function formatCheckResult(result: CheckResult): string {
  return result.ok ? `✓ ${result.name}: ${result.detail}` : `✗ ${result.name}: ${result.detail} — fix: ${result.fix}`;
}

/** A check's own error (a ConfigError from findExecutable, a mapped storage error) as a failure. */
export function failureOf(error: unknown): CheckOutcome {
  if (error instanceof ConfigError) return fail(error.problem, error.hint ?? "See the message.", error.value);
  if (error instanceof ChainopsError) return fail(error.message.replace(/\.$/, ""), error.hint ?? "See the message.");
  return fail(describeError(error), "This was not expected; run again with debug logging for details.");
}

/**
 * A preflight check: one named precondition of a run (a tool on PATH, a token's permission, a
 * writable bucket), checked before the first long step and before any lease is taken. The same
 * list renders as log lines today and as a table in `chainops runner check` later.
 */
export interface PreflightCheck {
  /** What is checked, as a table row names it: "zstd on PATH", "Lotus token may export". */
  name: string;
  /** The input or setting a failure points at (the ConfigError's input): "zstd binary", "lotus-token", "bucket". */
  input: string;
  run(signal?: AbortSignal): Promise<CheckOutcome>;
}

/** pass: what was found. fail: what is wrong, how to fix it, and the bad value when there is one. */
export type CheckOutcome = { ok: true; detail: string } | { ok: false; problem: string; fix: string; value?: unknown };

export interface CheckResult {
  name: string;
  input: string;
  ok: boolean;
  /** What was found (pass) or what is wrong (fail). */
  detail: string;
  /** How to fix it (fail only). */
  fix?: string;
  /** The bad value of the input (fail only, when known). */
  value?: unknown;
}

export function pass(detail: string): CheckOutcome {
  return { ok: true, detail };
}

export function fail(problem: string, fix: string, value?: unknown): CheckOutcome {
  return value === undefined ? { ok: false, problem, fix } : { ok: false, problem, fix, value };
}

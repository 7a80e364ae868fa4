import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { AbortedError, UpstreamError } from "../core/errors";
import type { Logger } from "../core/logger";

/** A CLI that failed: carries the command line, exit code and the last stderr lines. */
export class ExecError extends UpstreamError {
  readonly command: string;
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderrTail: string[];
  constructor(command: string, args: readonly string[], result: { exitCode: number | null; signal: NodeJS.Signals | null; stderrTail: string[] }, hint?: string) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    const tail = result.stderrTail.length ? `\n${result.stderrTail.map((l) => `  | ${l}`).join("\n")}` : "";
    super(`${formatCommand(command, args)} ${how}${tail}`, { hint });
    this.command = command;
    this.args = args;
    this.exitCode = result.exitCode;
    this.signal = result.signal;
    this.stderrTail = result.stderrTail;
  }
}

export interface RunCommandOptions {
  cwd?: string;
  /** Full environment for the child; defaults to the parent's. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Log stdout/stderr lines at info/debug as they come (default: stderr at info, stdout at debug). */
  stdoutTo?: "info" | "debug" | "none";
  stderrTo?: "info" | "debug" | "none";
  /** Kill the child (SIGTERM, then SIGKILL after 5 s) after this many milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Bytes written to stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Keep stdout in memory and return it (for small outputs such as --json). */
  captureStdout?: boolean;
  /** Exit codes treated as success (default [0]). */
  okExitCodes?: number[];
  /** Hint attached to the ExecError on failure. */
  hint?: string;
}

export interface RunCommandResult {
  exitCode: number;
  stdout: string;
  stderrTail: string[];
}

const STDERR_TAIL_LINES = 20;

/** Shows a command as a human would type it (for logs and errors only; never executed). */
export function formatCommand(command: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(quote).join(" ");
}

/**
 * Runs a CLI with an argument array (never a shell), streams its output lines to the logger,
 * and throws ExecError with the last stderr lines when it fails.
 */
export async function runCommand(command: string, args: readonly string[], options: RunCommandOptions = {}): Promise<RunCommandResult> {
  const child = spawnChecked(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);

  const stdoutChunks: Buffer[] = [];
  const stderrTail: string[] = [];
  const log = (to: "info" | "debug" | "none", line: string) => {
    if (to !== "none") options.logger?.[to](line);
  };
  const stdoutTo = options.stdoutTo ?? (options.captureStdout ? "none" : "debug");
  if (options.captureStdout) child.stdout!.on("data", (chunk: Buffer) => stdoutChunks.push(chunk));
  else forEachLine(child.stdout!, (line) => log(stdoutTo, line));
  forEachLine(child.stderr!, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    log(options.stderrTo ?? "info", line);
  });

  const { exitCode, signal } = await waitForExit(child, command, args, options);
  const ok = options.okExitCodes ?? [0];
  if (exitCode === null || !ok.includes(exitCode)) {
    throw new ExecError(command, args, { exitCode, signal, stderrTail }, options.hint);
  }
  return { exitCode, stdout: Buffer.concat(stdoutChunks).toString("utf8"), stderrTail };
}

/** spawn() that can never go through a shell; waitForExit() maps its spawn errors. */
export function spawnChecked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(command, [...args], { ...options, shell: false });
}

/** Resolves when the child exits; enforces timeout and abort; maps spawn errors. */
export function waitForExit(
  child: ChildProcess,
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    let killedFor: Error | undefined;
    const kill = (reason: Error) => {
      if (killedFor) return;
      killedFor = reason;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    };
    const timer = options.timeoutMs
      ? setTimeout(() => kill(new AbortedError(`${formatCommand(command, args)} timed out after ${Math.round(options.timeoutMs! / 1000)} s`, { hint: "Raise the timeout or check why the command hangs." })), options.timeoutMs)
      : undefined;
    const onAbort = () => kill(new AbortedError(`${formatCommand(command, args)} was cancelled`));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.once("error", (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(spawnError(command, error));
    });
    child.once("close", (exitCode, signal) => {
      cleanup();
      if (killedFor) reject(killedFor);
      else resolve({ exitCode, signal });
    });
  });
}

export function spawnError(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code === "ENOENT") {
    return new UpstreamError(`Cannot run ${command}: not found`, { hint: `Install ${command} or put it on PATH (or pass its full path).`, cause: error });
  }
  if (error.code === "EACCES") {
    return new UpstreamError(`Cannot run ${command}: permission denied`, { hint: `Make ${command} executable (chmod +x).`, cause: error });
  }
  return new UpstreamError(`Cannot run ${command}: ${error.message}`, { cause: error });
}

function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", onLine);
}

import type { ChildProcess, StdioOptions } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Logger } from "../core/logger";
import { ExecError, spawnChecked, spawnError } from "../exec/run-command";

const STDERR_TAIL_LINES = 20;
const KILL_GRACE_MS = 5000;

/**
 * One CLI in a pipeline (tar, lz4, zstd). Records how it ended instead of throwing, so the
 * pipeline can name the stage that failed first rather than the ones that broke after it.
 */
export class ChildStage {
  readonly child: ChildProcess;
  /** Resolves when the process has exited and its stderr is read; never rejects. */
  readonly exited: Promise<void>;
  private readonly stderrTail: string[] = [];
  private outcome: { exitCode: number | null; signal: NodeJS.Signals | null } | undefined;
  private spawnFailure: Error | undefined;
  private stoppedByUs = false;
  private readonly hint: string;

  constructor(
    readonly command: string,
    readonly args: string[],
    stdio: StdioOptions,
    options: {
      logger: Logger;
      /** What to tell the reader when this stage fails. */
      hint: string;
      /** Sees every stderr line first; return true to keep it out of the log and the error tail. */
      onStderrLine?: (line: string) => boolean;
    },
  ) {
    this.hint = options.hint;
    this.child = spawnChecked(command, args, { stdio });
    this.exited = new Promise((resolve) => {
      this.child.once("error", (error: NodeJS.ErrnoException) => {
        this.spawnFailure = spawnError(command, error);
        resolve();
      });
      // The status is known at "exit"; "close" also waits for stderr, so the tail is complete.
      this.child.once("exit", (exitCode, signal) => {
        this.outcome = { exitCode, signal };
      });
      this.child.once("close", (exitCode, signal) => {
        this.outcome ??= { exitCode, signal };
        resolve();
      });
    });
    if (this.child.stderr) {
      createInterface({ input: this.child.stderr, crlfDelay: Infinity }).on("line", (line) => {
        if (options.onStderrLine?.(line)) return;
        this.stderrTail.push(line);
        if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
        options.logger.info(line);
      });
    }
  }

  get stdin(): Writable {
    return this.child.stdin!;
  }
  get stdout(): Readable {
    return this.child.stdout!;
  }

  /** The error this stage ended with, unless it succeeded or we stopped it ourselves. */
  failure(): Error | undefined {
    if (this.spawnFailure) return this.spawnFailure;
    if (!this.outcome || this.outcome.exitCode === 0) return undefined;
    // Killed by our own signal: not its fault. A non-zero exit of its own still counts.
    if (this.stoppedByUs && this.outcome.signal) return undefined;
    return new ExecError(this.command, this.args, { ...this.outcome, stderrTail: [...this.stderrTail] }, this.hint);
  }

  /** True once the process ended on its own with a non-zero status. */
  get failed(): boolean {
    return this.failure() !== undefined;
  }

  /** SIGTERM now, SIGKILL if it lingers. A stage we stop does not count as failed. */
  stop(): void {
    if (this.outcome || this.spawnFailure) return;
    this.stoppedByUs = true;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), KILL_GRACE_MS);
    timer.unref();
    void this.exited.then(() => clearTimeout(timer));
  }
}

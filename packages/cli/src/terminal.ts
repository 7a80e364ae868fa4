import type { Logger } from "@chainops/shared";

/** A stream the CLI writes to: process.stdout/stderr, or a recorder in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** Set on terminals. */
  isTTY?: boolean;
  /** The terminal's width; 0 or unset when it does not report one. */
  columns?: number;
}

const CLEAR_LINE = "\r\x1b[2K";

/**
 * The CLI's two output streams. stdout carries the command's result only (a report, or one JSON
 * document with --json); the live progress bar lives on stderr. Every line written while the bar
 * is drawn first clears the bar and then redraws it below, so a log line is never glued to it.
 */
export class Terminal {
  /** With --json everything but the result goes to stderr, so stdout parses as one document. */
  jsonMode = false;
  private bar: string | undefined;

  constructor(
    readonly stdout: OutputStream,
    readonly stderr: OutputStream,
  ) {}

  /**
   * A live bar is drawn only on a terminal that reports its width: a 0-column terminal (some CI
   * consoles, `script` without a size) gets the pipeline's plain progress lines instead.
   */
  get interactive(): boolean {
    return Boolean(this.stderr.isTTY) && (this.stderr.columns ?? 0) > 0;
  }

  get columns(): number {
    return this.stderr.columns ?? 0;
  }

  /** Writes the command's result to stdout. */
  result(text: string): void {
    this.endBar();
    this.stdout.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
  }

  /** One log line: info on stdout (stderr with --json), problems on stderr. */
  log(level: "info" | "problem", line: string): void {
    const stream = level === "problem" || this.jsonMode ? this.stderr : this.stdout;
    if (this.bar === undefined) {
      stream.write(`${line}\n`);
      return;
    }
    this.stderr.write(CLEAR_LINE);
    stream.write(`${line}\n`);
    this.stderr.write(this.bar);
  }

  /** Draws (or redraws in place) the bar line. */
  drawBar(line: string): void {
    this.bar = line;
    this.stderr.write(`${CLEAR_LINE}${line}`);
  }

  /** Leaves the last state of the bar as a line of its own, so what follows starts on a fresh line. */
  endBar(): void {
    if (this.bar === undefined) return;
    this.bar = undefined;
    this.stderr.write("\n");
  }
}

/** The Logger the CLI gives run(): lines through the Terminal, secrets masked. */
export class TerminalLogger implements Logger {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly terminal: Terminal,
    private readonly options: { debug?: boolean } = {},
  ) {}

  private mask(message: string): string {
    let text = message;
    for (const secret of this.secrets) text = text.split(secret).join("***");
    return text;
  }

  debug(message: string): void {
    if (this.options.debug) this.terminal.log("problem", `debug: ${this.mask(message)}`);
  }
  info(message: string): void {
    this.terminal.log("info", this.mask(message));
  }
  notice(message: string): void {
    this.terminal.log("info", `notice: ${this.mask(message)}`);
  }
  warning(message: string): void {
    this.terminal.log("problem", `warning: ${this.mask(message)}`);
  }
  error(message: string): void {
    this.terminal.log("problem", `error: ${this.mask(message)}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.terminal.log("info", `== ${this.mask(name)}`);
    return fn();
  }
  setSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }
}

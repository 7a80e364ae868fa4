/**
 * The one logger interface given to run() in deps. The GitHub adapter backs it with
 * @actions/core, the CLI with the terminal, tests with a recorder.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** An annotation a human must see, that is not a problem. */
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Runs fn inside a collapsible group (core.group on GitHub). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Masks a secret in every later line. */
  setSecret(secret: string): void;
}

export type LogLevel = "debug" | "info" | "notice" | "warning" | "error";
export interface LogLine {
  level: LogLevel | "group";
  message: string;
}

/** Keeps every line; the logger tests and quiet runs use. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  private readonly secrets = new Set<string>();
  constructor(private readonly echo: boolean = false) {}
  private push(level: LogLine["level"], message: string): void {
    let text = message;
    for (const secret of this.secrets) text = text.split(secret).join("***");
    this.lines.push({ level, message: text });
    if (this.echo) console.log(`[${level}] ${text}`);
  }
  debug(message: string): void { this.push("debug", message); }
  info(message: string): void { this.push("info", message); }
  notice(message: string): void { this.push("notice", message); }
  warning(message: string): void { this.push("warning", message); }
  error(message: string): void { this.push("error", message); }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.push("group", name);
    return fn();
  }
  setSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }
  /** All messages at a level, for assertions. */
  messages(level?: LogLine["level"]): string[] {
    return this.lines.filter((l) => level === undefined || l.level === level).map((l) => l.message);
  }
  text(): string {
    return this.lines.map((l) => `[${l.level}] ${l.message}`).join("\n");
  }
}

/** Plain-line logger for terminals and scripts (stderr for problems). */
export class ConsoleLogger implements Logger {
  private readonly secrets = new Set<string>();
  constructor(private readonly options: { debug?: boolean } = {}) {}
  private mask(message: string): string {
    let text = message;
    for (const secret of this.secrets) text = text.split(secret).join("***");
    return text;
  }
  debug(message: string): void { if (this.options.debug) process.stderr.write(`debug: ${this.mask(message)}\n`); }
  info(message: string): void { process.stdout.write(`${this.mask(message)}\n`); }
  notice(message: string): void { process.stdout.write(`notice: ${this.mask(message)}\n`); }
  warning(message: string): void { process.stderr.write(`warning: ${this.mask(message)}\n`); }
  error(message: string): void { process.stderr.write(`error: ${this.mask(message)}\n`); }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    process.stdout.write(`== ${this.mask(name)}\n`);
    return fn();
  }
  setSecret(secret: string): void { if (secret) this.secrets.add(secret); }
}

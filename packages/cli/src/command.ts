import type { Logger } from "@chainops/shared";

/** What every command gets from the CLI adapter. */
export interface CliContext {
  logger: Logger;
  /** The environment the CLI was started with (only the adapter reads process.env). */
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  /** True when stdout is a terminal: show live progress bars instead of lines. */
  interactive: boolean;
}

/** One command group, e.g. `chainops store …`. */
export interface CommandGroup {
  name: string;
  summary: string;
  /** Full usage text for `chainops <name> --help`. */
  usage: string;
  /** Runs with the arguments after the group name; returns the process exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

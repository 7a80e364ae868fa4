import { Option, type Command } from "commander";
import type { Logger } from "@chainops/shared";
import type { Terminal } from "./terminal";

/** What every command gets from the CLI adapter. */
export interface CliContext {
  logger: Logger;
  /** The environment the CLI was started with (only the adapter reads process.env). */
  env: NodeJS.ProcessEnv;
  /** stdout for the result, stderr for logs and the live bar. */
  terminal: Terminal;
  stdin: NodeJS.ReadableStream;
}

/** What a command prints when it succeeds: `text` on stdout, or `json` as one document with --json. */
export interface CommandOutput {
  text?: string;
  json?: unknown;
}

/**
 * One command group, e.g. `chainops store …`: a file in src/commands/, listed in commands/index.ts.
 * register() adds the subcommands to `group` (already named, described and configured: --help,
 * usage errors and exit codes come from the framework). Each subcommand's action is
 * `context.action(handler)` style: see commandAction.
 */
export interface CommandGroup {
  name: string;
  /** One line for `chainops --help`. */
  summary: string;
  register(group: Command, context: CliContext): void;
}

/**
 * The action of a leaf command: receives commander's arguments (positionals, then the options
 * object, then the command) and returns what to print. Throwing is how a command fails: typed
 * errors are mapped to exit codes by the framework (NotReadyError 0, others 1). With --json the
 * logs go to stderr and the returned `json` is printed as one document on stdout.
 */
export function commandAction(context: CliContext, handler: (...args: any[]) => Promise<CommandOutput | void>): (...args: any[]) => Promise<void> {
  return async (...args: any[]) => {
    const command = args.at(-1) as Command;
    const json = command.opts().json === true;
    context.terminal.jsonMode = json;
    const output = await handler(...args);
    if (!output) return;
    if (json) context.terminal.result(`${JSON.stringify(output.json ?? null, null, 2)}\n`);
    else if (output.text !== undefined) context.terminal.result(output.text);
  };
}

/** `--json` for every command a script calls. */
export function jsonOption(): Option {
  return new Option("--json", "print the result as one JSON document on stdout (logs go to stderr)");
}

/**
 * The command's options keyed by their long flag without the dashes (`--lotus-path` →
 * "lotus-path"), as strings, the way the actions' input schemas take them (a bare boolean flag is
 * "true"). Unset options and --json are left out.
 */
export function optionValues(command: Command): Record<string, string> {
  const values = command.opts();
  const out: Record<string, string> = {};
  for (const option of command.options) {
    const value: unknown = values[option.attributeName()];
    if (!option.long || option.long === "--json" || value === undefined) continue;
    out[option.long.replace(/^--/, "")] = String(value);
  }
  return out;
}

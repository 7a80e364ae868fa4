import { Command, CommanderError } from "commander";
import { ChainopsError, NotReadyError, describeError } from "@chainops/shared";
import { commandGroups } from "./commands/index";
import type { CliContext } from "./command";
import { TerminalLogger, Terminal, type OutputStream } from "./terminal";
import { version } from "../package.json";

/** The exit codes every command shares; help texts and the README name them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const EXIT_HELP = "Exit status: 0 done (or nothing to do yet: not ready, not due, another run busy), 1 failure, 2 usage error.";

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/**
 * The root `chainops` command with every group from commands/index.ts. Settings made here
 * (output streams, exitOverride, help after usage errors) are inherited by every command the
 * groups add with .command(), so the rules hold for groups added later too.
 */
export function buildProgram(context: CliContext): Command {
  const { terminal } = context;
  const program = new Command("chainops")
    .description("chainops — blockchain node operations: snapshots, canaries, networks")
    .version(version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand("help [command]", "show help for a command")
    .configureOutput({
      writeOut: (text) => terminal.result(text),
      writeErr: (text) => void terminal.stderr.write(text),
      getOutHelpWidth: () => terminal.stdout.columns || 100,
      getErrHelpWidth: () => terminal.stderr.columns || 100,
    })
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .allowExcessArguments(false)
    .addHelpText("afterAll", `\n${EXIT_HELP}`);
  for (const group of commandGroups) group.register(program.command(group.name).description(group.summary), context);
  return program;
}

/**
 * Runs one CLI invocation and returns the exit code: 0 ok or not ready (a notice), 1 failure
 * (the message and its hint on stderr), 2 usage (the usage on stderr). `--help` prints to stdout.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const terminal = new Terminal(io.stdout, io.stderr);
  const debug = io.env.CHAINOPS_DEBUG === "1";
  const logger = new TerminalLogger(terminal, { debug });
  const context: CliContext = { logger, env: io.env, terminal, stdin: io.stdin };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    terminal.endBar();
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander; everything else it throws is a usage error.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof NotReadyError) {
      logger.notice(describeError(error));
      if (terminal.jsonMode) terminal.result(JSON.stringify({ status: "not-ready", message: error.message, hint: error.hint }, null, 2));
      return EXIT.ok;
    }
    if (error instanceof ChainopsError) {
      logger.error(describeError(error));
    } else if (debug) {
      logger.error(error instanceof Error && error.stack ? error.stack : describeError(error));
    } else {
      // Not one of our typed errors: there is no hint to give, so say how to get more.
      logger.error(`${describeError(error)}\nHint: this error was not expected; run again with CHAINOPS_DEBUG=1 for the stack trace, and report it if the cause is not clear.`);
    }
    if (terminal.jsonMode) terminal.result(JSON.stringify({ status: "failed", error: errorDocument(error) }, null, 2));
    return EXIT.failure;
  }
}

function errorDocument(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  return {
    type: error.name,
    message: error.message,
    ...(error instanceof ChainopsError && error.hint ? { hint: error.hint } : {}),
    ...("input" in error && typeof error.input === "string" ? { input: error.input } : {}),
  };
}

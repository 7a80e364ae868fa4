import { ChainopsError, ConsoleLogger, NotReadyError, describeError } from "@chainops/shared";
import { commandGroups } from "./commands/index";
import type { CliContext } from "./command";
import { version } from "../package.json";

function usage(): string {
  const width = Math.max(...commandGroups.map((g) => g.name.length), 5);
  return [
    "chainops — blockchain node operations: snapshots, canaries, networks",
    "",
    "Usage: chainops <command> [options]",
    "",
    "Commands:",
    ...commandGroups.map((g) => `  ${g.name.padEnd(width)}  ${g.summary}`),
    "",
    "Options:",
    "  --help, -h     show help (also: chainops <command> --help)",
    "  --version, -v  print the version",
  ].join("\n");
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    console.log(usage());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    console.log(version);
    return 0;
  }
  const group = commandGroups.find((g) => g.name === first);
  if (!group) {
    console.error(`chainops: unknown command "${first}"\n\n${usage()}`);
    return 2;
  }
  if (rest[0] === "--help" || rest[0] === "-h" || rest[0] === "help") {
    console.log(group.usage);
    return 0;
  }
  const context: CliContext = {
    logger: new ConsoleLogger({ debug: env.CHAINOPS_DEBUG === "1" }),
    env,
    stdout: process.stdout,
    interactive: Boolean(process.stdout.isTTY),
  };
  try {
    return await group.run(rest, context);
  } catch (error) {
    if (error instanceof NotReadyError) {
      context.logger.notice(describeError(error));
      return 0;
    }
    if (error instanceof ChainopsError) {
      context.logger.error(describeError(error));
    } else if (env.CHAINOPS_DEBUG === "1") {
      context.logger.error(error instanceof Error && error.stack ? error.stack : describeError(error));
    } else {
      // Not one of our typed errors: there is no hint to give, so say how to get more.
      context.logger.error(`${describeError(error)}\nHint: this error was not expected; run again with CHAINOPS_DEBUG=1 for the stack trace, and report it if the cause is not clear.`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

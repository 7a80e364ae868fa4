import { parseArgs } from "node:util";
import { ConfigError } from "@chainops/shared";

/** `--name value` flags only (no positionals); a bad or unknown flag is a ConfigError with a good example. */
export function flagValues(args: string[], options: Record<string, { type: "string" }>, example: string): Record<string, string | undefined> {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new ConfigError("arguments", (error as Error).message, { example });
  }
}

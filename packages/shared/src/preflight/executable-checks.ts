import { basename } from "node:path";
import { findExecutable } from "../exec/find-executable";
import { resolveTool, type StreamTool } from "../stream/compressors";
import { ensureGnuTar } from "../stream/tar-args";
import type { StreamBinaries } from "../stream/types";
import { failureOf } from "./run-preflight";
import { pass, type CheckOutcome, type PreflightCheck } from "./types";

/**
 * An executable the run will spawn, found as the run itself will find it (PATH, or the
 * absolute path given). `purpose` says why the run needs it, for the table and the error.
 */
export function executableCheck(options: { command: string; input: string; purpose: string; pathEnv?: string; installHint?: string }): PreflightCheck {
  return {
    name: checkName(options.command),
    input: options.input,
    run: async () => found(options.purpose, () => findExecutable(options.command, { input: options.input, pathEnv: options.pathEnv, installHint: options.installHint })),
  };
}

/** tar, lz4 or zstd as the streaming pipeline resolves it (its bin override, else PATH); tar must be GNU tar. */
export function streamToolCheck(tool: StreamTool, options: { purpose: string; bin?: StreamBinaries; pathEnv?: string }): PreflightCheck {
  return {
    name: checkName(options.bin?.[tool] ?? tool),
    input: `${tool} binary`,
    run: async () =>
      found(options.purpose, async () => {
        const path = resolveTool(tool, options.bin, options.pathEnv);
        if (tool === "tar") await ensureGnuTar(path);
        return path;
      }),
  };
}

/** "zstd on PATH", or "lotus executable" for a full path (the path itself is in the detail). */
function checkName(command: string): string {
  return command.includes("/") ? `${basename(command)} executable` : `${command} on PATH`;
}

async function found(purpose: string, resolve: () => string | Promise<string>): Promise<CheckOutcome> {
  try {
    return pass(`${await resolve()} (${purpose})`);
  } catch (error) {
    const outcome = failureOf(error);
    return outcome.ok ? outcome : { ...outcome, problem: `${outcome.problem} (it ${purpose})` };
  }
}

// Runs the built `chainops` the way a user does: `node packages/cli/bin/chainops.js …` as a process.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const repoRoot = new URL("../../../", import.meta.url).pathname;
export const chainopsBin = join(repoRoot, "packages/cli/bin/chainops.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI with only PATH and HOME from this process plus `env`; stdin gets `input` (or is closed). */
export function spawnChainops(args: string[], options: { env?: Record<string, string | undefined>; input?: Buffer | string; cwd?: string; bin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--no-warnings", options.bin ?? chainopsBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/nonexistent", ...options.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    child.stdin.end(options.input);
  });
}

// What every bench variant needs: run one process under GNU time (wall, peak RSS, CPU), take
// medians, and bundle a TypeScript runner like an action's dist so no loader is measured.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname, extname } from "node:path";
import { build, type StdinOptions } from "esbuild";
import { ConfigError } from "@chainops/shared";

const TIME = "/usr/bin/time";

export interface MeasuredRun {
  wallS: number;
  /** Largest resident set of any one process of the variant (GNU time %M), MiB. */
  maxRssMiB: number;
  /** User + system CPU of all its processes: on 2 shared cores, wall can not beat cpuS / 2. */
  cpuS: number;
  stdout: string;
}

/** Fails up front, with the package to install, when GNU time is missing. */
export function requireGnuTime(): void {
  if (!existsSync(TIME)) throw new ConfigError("/usr/bin/time", "is missing (the bench reads wall time and peak RSS from GNU time)", { hint: "apt-get install -y time" });
}

/** Runs argv under GNU time; wall, peak RSS and CPU come from time's last stderr line. */
export function measureProcess(argv: string[]): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ["-f", "chainops-bench %e %M %U %S", ...argv], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c).slice(-8000)));
    child.on("error", reject);
    child.on("close", (code) => {
      const match = /chainops-bench ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`${argv.join(" ")} failed (exit ${code}):\n${stderr}`));
      resolve({ wallS: Number(match[1]), maxRssMiB: Number(match[2]) / 1024, cpuS: Number(match[3]) + Number(match[4]), stdout });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Bundles a runner (a file, or inline source) into an ESM file plus chunks/ beside it, as
 * scripts/build.mjs does for actions (code behind a dynamic import, like the cloud SDKs, is split off).
 */
export async function bundleRunner(source: { entry: string } | { stdin: StdinOptions }, outfile: string): Promise<void> {
  const name = basename(outfile, extname(outfile));
  await build({
    ...("entry" in source ? { entryPoints: { [name]: source.entry } } : { stdin: source.stdin, entryNames: name }),
    outdir: dirname(outfile),
    outExtension: { ".js": extname(outfile) || ".js" },
    splitting: true,
    chunkNames: `${name}-chunks/[name]-[hash]`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
  });
}

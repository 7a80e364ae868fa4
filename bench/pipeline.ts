// `npm run bench` → pipeline: compressAndUpload (dir → tar | lz4 → sha256 → file:// store) against
// the plain shell way on the same generated input, each variant a separate process under
// /usr/bin/time, runs interleaved, medians reported:
//   (a) tar | lz4 > file; sha256sum file; cp file store   — what the seeds did
//   (b) tar | lz4 > /dev/null                              — the ceiling
//   (c) tar | lz4 > file                                   — what writing the output to this disk alone costs
// and reports pipeline/b (against the ceiling) and pipeline/c (against the raw pipe writing the same disk).
// BENCH_SIZE (default 1G) sets the input, BENCH_RUNS (default 3) the runs per variant.
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatBytes, parseSize } from "@chainops/shared/config";
import { generateBenchInput } from "./generate-input";
import { bundleRunner, measureProcess, median, requireGnuTime, type MeasuredRun } from "./measure-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const benchDir = join(root, ".bench");

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function benchPipeline(): Promise<Record<string, unknown>> {
  requireGnuTime();
  const size = parseSize(process.env.BENCH_SIZE ?? "1G", "BENCH_SIZE");
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? "3", 10) || 3);
  const input = await generateBenchInput(benchDir, size);
  const runner = join(benchDir, "pipeline-runner.mjs");
  await bundleRunner({ entry: fileURLToPath(new URL("./pipeline-runner.ts", import.meta.url)) }, runner);

  const storeDir = join(benchDir, "store");
  const outA = join(benchDir, "a");
  const key = "bench/input.tar.lz4";
  const variants: Record<string, { describe: string; prepare: () => Promise<void>; argv: string[] }> = {
    pipeline: {
      describe: "compressAndUpload: tar | lz4 → sha256 → file:// store",
      // A fresh key each run: replacing an existing file makes ext4 flush it (auto_da_alloc).
      prepare: () => rm(storeDir, { recursive: true, force: true }),
      argv: [process.execPath, runner, input, storeDir, key],
    },
    a: {
      describe: "tar | lz4 > file; sha256sum file; cp file store",
      prepare: async () => {
        await rm(outA, { recursive: true, force: true });
        await mkdir(join(outA, "store"), { recursive: true });
      },
      argv: ["bash", "-c", 'set -e; tar -C "$1" -cf - . | lz4 -q -c > "$2/out.tar.lz4"; sha256sum "$2/out.tar.lz4" > /dev/null; cp "$2/out.tar.lz4" "$2/store/out.tar.lz4"', "bench-a", input, outA],
    },
    b: {
      describe: "tar | lz4 > /dev/null (ceiling)",
      prepare: async () => undefined,
      argv: ["bash", "-c", 'set -eo pipefail; tar -C "$1" -cf - . | lz4 -q -c > /dev/null', "bench-b", input],
    },
    c: {
      describe: "tar | lz4 > file (disk write only, no hash, no store)",
      prepare: async () => {
        await rm(outA, { recursive: true, force: true });
        await mkdir(outA, { recursive: true });
      },
      argv: ["bash", "-c", 'set -eo pipefail; tar -C "$1" -cf - . | lz4 -q -c > "$2/out.tar.lz4"', "bench-c", input, outA],
    },
  };

  // Warm the page cache so the first variant does not pay for the disk reads alone.
  execFileSync("tar", ["-C", input, "-cf", "/dev/null", "."]);
  const measured: Record<string, MeasuredRun[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const [name, variant] of Object.entries(variants)) {
      await variant.prepare();
      const result = await measureProcess(variant.argv);
      measured[name]!.push(result);
      console.log(`run ${run}/${runs} ${name.padEnd(8)} ${result.wallS.toFixed(2)} s  cpu ${result.cpuS.toFixed(2)} s  peak RSS ${result.maxRssMiB.toFixed(0)} MiB`);
    }
  }
  const pipelineOut = JSON.parse(measured.pipeline!.at(-1)!.stdout.trim().split("\n").at(-1)!) as { sha256: string; size: number; inputSize: number };
  const stored = join(storeDir, key);
  const check = execFileSync("sha256sum", [stored], { encoding: "utf8" }).split(" ")[0];
  if (check !== pipelineOut.sha256) throw new Error(`pipeline reported sha256 ${pipelineOut.sha256} but sha256sum says ${check}`);
  await rm(outA, { recursive: true, force: true });
  await rm(storeDir, { recursive: true, force: true });

  const summary = Object.fromEntries(
    Object.entries(variants).map(([name, variant]) => {
      const list = measured[name]!;
      return [name, { describe: variant.describe, wallS: list.map((r) => r.wallS), medianWallS: round(median(list.map((r) => r.wallS))), medianCpuS: round(median(list.map((r) => r.cpuS))), maxRssMiB: round(Math.max(...list.map((r) => r.maxRssMiB)), 1) }];
    }),
  ) as Record<string, { medianWallS: number; medianCpuS: number; maxRssMiB: number }>;
  const b = summary.b!.medianWallS;
  const ratios = {
    pipelineOverB: round(summary.pipeline!.medianWallS / b),
    // Against the raw pipe that also writes its output to this disk: what is left is the hash and the store.
    pipelineOverC: round(summary.pipeline!.medianWallS / summary.c!.medianWallS),
    aOverB: round(summary.a!.medianWallS / b),
    cOverB: round(summary.c!.medianWallS / b),
  };
  const targets = { pipelineOverB: 1.25, peakRssMiB: 256 };
  console.log(
    [
      "",
      `input ${formatBytes(size)} (${input}), stored ${formatBytes(pipelineOut.size)} lz4, medians of ${runs} runs:`,
      ...Object.entries(summary).map(([name, s]) => `  ${name.padEnd(8)} ${s.medianWallS.toFixed(2)} s  cpu ${s.medianCpuS.toFixed(2)} s  peak RSS ${s.maxRssMiB.toFixed(0)} MiB  ${(variants[name]!.describe)}`),
      `  pipeline/b = ${ratios.pipelineOverB} (target ≤ ${targets.pipelineOverB})   pipeline/c = ${ratios.pipelineOverC}   a/b = ${ratios.aOverB}   c/b = ${ratios.cOverB}`,
      `  pipeline peak RSS ${summary.pipeline!.maxRssMiB.toFixed(0)} MiB (target ≤ ${targets.peakRssMiB})`,
    ].join("\n"),
  );
  return {
    inputBytes: size,
    storedBytes: pipelineOut.size,
    tarBytes: pipelineOut.inputSize,
    runs,
    cores: (await readFile("/proc/cpuinfo", "utf8").catch(() => "")).split("\n").filter((l) => l.startsWith("processor")).length || undefined,
    variants: summary,
    ratios,
    targets,
    meetsTargets: { ratio: ratios.pipelineOverB <= targets.pipelineOverB, peakRss: summary.pipeline!.maxRssMiB <= targets.peakRssMiB },
  };
}

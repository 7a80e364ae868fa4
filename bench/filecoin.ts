// `npm run bench` → filecoin: publishing an exported Lotus CAR, our way against Filcryo's, on the
// same CAR in the same run, each variant a separate process under GNU time, interleaved, medians:
//   ours:    compressAndUpload: CAR → zstd --fast -T0 → sha256 → file:// store (one pass)
//   filcryo: zstd --fast -T0 CAR → CAR.zst on disk, then copy the file to the store
//            (Filcryo's compress_snapshot + upload_snapshot, with cp standing in for gcloud storage cp)
// The CAR is a real CAR v1 written by the Lotus simulator's ChainExportRangeInternal.
// BENCH_SIZE (default 1G) sets the CAR size, BENCH_RUNS (default 3) the runs per variant.
import { execFileSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { systemClock } from "@chainops/shared";
import { LotusClient } from "@chainops/shared/chains/lotus";
import { formatBytes, parseSize } from "@chainops/shared/config";
import { startLotusSim } from "@chainops/testkit";
import { bundleRunner, measureProcess, median, requireGnuTime, type MeasuredRun } from "./measure-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, ".bench", "filecoin");

// The "ours" process: exactly the call export-snapshot makes once Lotus has written the CAR.
const RUNNER = `
import { openStore } from "@chainops/shared/storage";
import { compressAndUpload } from "@chainops/shared/stream";
import { ConsoleLogger } from "@chainops/shared";
const [car, storeDir, key] = process.argv.slice(2);
const store = await openStore("file://" + storeDir);
const r = await compressAndUpload({ source: { kind: "file", path: car }, compression: { kind: "zstd", fast: true, threads: 0 }, store, key, logger: new ConsoleLogger(), progressIntervalMs: 60_000 });
console.log(JSON.stringify({ sha256: r.sha256, size: r.size, inputSize: r.inputSize }));
`;

export async function benchFilecoin(): Promise<Record<string, unknown>> {
  requireGnuTime();
  const size = parseSize(process.env.BENCH_SIZE ?? "1G", "BENCH_SIZE");
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? "3", 10) || 3);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  // 1. Lotus (simulated) writes the CAR, as ChainExportRangeInternal does on a real node.
  const sim = await startLotusSim({ clock: systemClock, repoDir: join(dir, "lotus"), height: 2880 + 915, exportSize: size });
  const lotus = new LotusClient({ url: sim.url, token: sim.adminToken });
  const started = Date.now();
  try {
    const tail = await lotus.chainGetTipSetByHeight(0);
    const head = await lotus.chainGetTipSetByHeight(2890);
    await lotus.chainExportRangeInternal(head.Cids, tail.Cids, { WriteBufferSize: 5_000_000, NumWorkers: 50, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true }, { timeoutMs: 3_600_000 });
  } finally {
    await sim.close();
  }
  const car = sim.exports[0]!.path;
  console.log(`Lotus simulator wrote ${formatBytes(sim.exports[0]!.size)} CAR in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const runner = join(dir, "runner.mjs");
  await bundleRunner({ stdin: { contents: RUNNER, resolveDir: root, loader: "ts", sourcefile: "filecoin-runner.ts" } }, runner);

  const storeDir = join(dir, "store");
  const work = join(dir, "filcryo");
  const key = "historical-exports/snapshot_0_2890_1.car.zst";
  const variants: Record<string, { describe: string; prepare: () => Promise<void>; argv: string[] }> = {
    ours: {
      describe: "compressAndUpload: CAR → zstd --fast -T0 → sha256 → store (one pass)",
      prepare: () => rm(storeDir, { recursive: true, force: true }),
      argv: [process.execPath, runner, car, storeDir, key],
    },
    filcryo: {
      describe: "zstd --fast -T0 CAR -o CAR.zst; cp CAR.zst store (compress to disk, then upload the file)",
      prepare: async () => {
        await rm(work, { recursive: true, force: true });
        await mkdir(join(work, "store"), { recursive: true });
      },
      argv: ["bash", "-c", 'set -e; zstd --fast -T0 -q -f "$1" -o "$2/snapshot.car.zst"; cp "$2/snapshot.car.zst" "$2/store/snapshot.car.zst"', "bench-filcryo", car, work],
    },
    // Filcryo publishes no checksum; this is its way plus the sha256 we publish in every manifest.
    "filcryo+sha256": {
      describe: "zstd --fast -T0 CAR -o CAR.zst; sha256sum CAR.zst; cp CAR.zst store (Filcryo's way with a published checksum)",
      prepare: async () => {
        await rm(work, { recursive: true, force: true });
        await mkdir(join(work, "store"), { recursive: true });
      },
      argv: ["bash", "-c", 'set -e; zstd --fast -T0 -q -f "$1" -o "$2/snapshot.car.zst"; sha256sum "$2/snapshot.car.zst" > "$2/snapshot.car.zst.sha256"; cp "$2/snapshot.car.zst" "$2/store/snapshot.car.zst"', "bench-filcryo-sha", car, work],
    },
  };
  execFileSync("cat", [car], { stdio: ["ignore", "ignore", "inherit"] }); // warm the page cache for both
  const measured: Record<string, MeasuredRun[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const [name, variant] of Object.entries(variants)) {
      await variant.prepare();
      const result = await measureProcess(variant.argv);
      measured[name]!.push(result);
      console.log(`run ${run}/${runs} ${name.padEnd(14)} ${result.wallS.toFixed(2)} s  peak RSS ${result.maxRssMiB.toFixed(0)} MiB`);
    }
  }
  const reported = JSON.parse(measured.ours!.at(-1)!.stdout.trim().split("\n").at(-1)!) as { sha256: string; size: number; inputSize: number };
  const check = execFileSync("sha256sum", [join(storeDir, key)], { encoding: "utf8" }).split(" ")[0];
  if (check !== reported.sha256) throw new Error(`ours reported sha256 ${reported.sha256} but sha256sum says ${check}`);
  await rm(dir, { recursive: true, force: true });

  const summary = Object.fromEntries(
    Object.entries(measured).map(([name, list]) => [name, { describe: variants[name]!.describe, wallS: median(list.map((r) => r.wallS)), peakRssMiB: Math.round(Math.max(...list.map((r) => r.maxRssMiB))) }]),
  );
  const ratio = Number((summary.filcryo!.wallS / summary.ours!.wallS).toFixed(2));
  const ratioWithSha = Number((summary["filcryo+sha256"]!.wallS / summary.ours!.wallS).toFixed(2));
  console.log(`CAR ${formatBytes(size)} → ${formatBytes(reported.size)} zst; ours ${summary.ours!.wallS} s (peak ${summary.ours!.peakRssMiB} MiB), Filcryo's way ${summary.filcryo!.wallS} s (peak ${summary.filcryo!.peakRssMiB} MiB): Filcryo/ours = ${ratio}×`);
  console.log(`with the checksum we publish: Filcryo's way + sha256sum ${summary["filcryo+sha256"]!.wallS} s: (Filcryo+sha256)/ours = ${ratioWithSha}×; Filcryo's way also writes ${formatBytes(reported.size)} more to local disk`);
  return { carBytes: size, compressedBytes: reported.size, runs, ...summary, filcryoOverOurs: ratio, filcryoWithSha256OverOurs: ratioWithSha, diskWrittenExtraBytesFilcryo: reported.size };
}

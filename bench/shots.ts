// `npm run bench` → shots: publishing a Tezos tarball, our way against the seed engine's, on the
// same generated octez-node data dir in the same run, each variant a separate process under GNU
// time, interleaved, medians:
//   ours: publish-shots run() with artifacts=tarball: the copy's head read by (the fake) octez-node
//         run, tar | lz4 → sha256 + size → file:// store, then head, metadata, base.json,
//         tezos-snapshots.json, pointers, site
//   seed: tar | lz4 | tee >(sha256sum) > store file   (snapshotEngine's pipe; "upload" = the copy into the store)
// BENCH_SIZE (default 1G) sets the data dir size, BENCH_RUNS (default 3) the runs per variant.
import { execFileSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatBytes, parseSize } from "@chainops/shared/config";
import { createOctezDataDir, installFakeOctezNode } from "../packages/testkit/src/octez-sim/data-dir";
import { bundleRunner, measureProcess, median, requireGnuTime, type MeasuredRun } from "./measure-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = join(root, ".bench", "shots");

// The "ours" process: the action's run() for one tarball, against an in-process octez simulator.
const RUNNER = `
import { RecordingLogger, systemClock } from "@chainops/shared";
import { FileStore } from "./packages/shared/src/storage/file-store";
import { startOctezSim } from "./packages/testkit/src/octez-sim/server";
import { parseConfig } from "./actions/publish-shots/src/config";
import { run } from "./actions/publish-shots/src/run";
const [dataDir, storeDir, binDir] = process.argv.slice(2);
const pathEnv = binDir + ":" + process.env.PATH;
const sim = await startOctezSim({ clock: systemClock, network: "mainnet" });
const config = parseConfig({ network: "mainnet", "history-mode": "rolling", artifacts: "tarball", "data-dir": dataDir, "rpc-url": sim.url, bucket: "file://" + storeDir, "public-url": "https://snapshots.example.org" });
const result = await run(config, { logger: new RecordingLogger(), clock: systemClock, store: new FileStore(storeDir), runId: "bench", pathEnv, env: { ...process.env, PATH: pathEnv } });
await sim.close();
const a = result.published[0];
console.log(JSON.stringify({ key: "mainnet/" + a.filename, sha256: a.sha256, size: a.filesize_bytes }));
`;

export async function benchShots(): Promise<Record<string, unknown>> {
  requireGnuTime();
  const size = parseSize(process.env.BENCH_SIZE ?? "1G", "BENCH_SIZE");
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? "3", 10) || 3);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const dataDir = join(dir, "node-data");
  // A copy some blocks behind the simulated live node, so its head is final when the run checks.
  await createOctezDataDir(dataDir, { size, network: "mainnet", lostAndFound: true, headLevel: 8_000_000 - 10 });
  const binDir = join(dir, "bin");
  await installFakeOctezNode(binDir);
  console.log(`generated a ${formatBytes(size)} octez-node data dir in ${dataDir}`);

  const runner = join(dir, "runner.mjs");
  await bundleRunner({ stdin: { contents: RUNNER, resolveDir: root, loader: "ts", sourcefile: "shots-runner.ts" } }, runner);

  const storeDir = join(dir, "store");
  const seed = join(dir, "seed");
  const excludes = ["--exclude=./identity.json", "--exclude=./peers.json", "--exclude=./lock", "--exclude=./lost+found", "--exclude=./config.json"];
  const variants: Record<string, { describe: string; prepare: () => Promise<void>; argv: string[] }> = {
    ours: {
      describe: "publish-shots run(): tar | lz4 → sha256 + size → store, then metadata, indexes, pointers, site",
      prepare: () => rm(storeDir, { recursive: true, force: true }),
      argv: [process.execPath, runner, dataDir, storeDir, binDir],
    },
    seed: {
      describe: "tar | lz4 | tee >(sha256sum) > store file (the seed engine's pipe)",
      prepare: async () => {
        await rm(seed, { recursive: true, force: true });
        await mkdir(join(seed, "store"), { recursive: true });
      },
      argv: [
        "bash", "-c",
        'set -eo pipefail; d="$1"; out="$2"; shift 2; tar -C "$d" -cf - "$@" . | lz4 -q -c | tee >(sha256sum > "$out/sha256") > "$out/store/tarball.lz4"; wait',
        "bench-seed", dataDir, seed, ...excludes,
      ],
    },
  };
  execFileSync("tar", ["-C", dataDir, "-cf", "/dev/null", "."]); // warm the page cache for both
  const measured: Record<string, MeasuredRun[]> = { ours: [], seed: [] };
  for (let run = 1; run <= runs; run++) {
    for (const [name, variant] of Object.entries(variants)) {
      await variant.prepare();
      const result = await measureProcess(variant.argv);
      measured[name]!.push(result);
      console.log(`run ${run}/${runs} ${name.padEnd(5)} ${result.wallS.toFixed(2)} s  peak RSS ${result.maxRssMiB.toFixed(0)} MiB`);
    }
  }
  const reported = JSON.parse(measured.ours!.at(-1)!.stdout.trim().split("\n").at(-1)!) as { key: string; sha256: string; size: number };
  const check = execFileSync("sha256sum", [join(storeDir, reported.key)], { encoding: "utf8" }).split(" ")[0];
  if (check !== reported.sha256) throw new Error(`ours reported sha256 ${reported.sha256} but sha256sum says ${check}`);
  // Ours writes 256 KiB lz4 blocks, the seed 4 MiB ones: the frames differ, the tar inside must not.
  const tarSha256 = (file: string) => execFileSync("bash", ["-c", 'set -o pipefail; lz4 -dc "$1" | sha256sum', "tar-sha256", file], { encoding: "utf8" }).split(" ")[0];
  const sameTarStream = tarSha256(join(storeDir, reported.key)) === tarSha256(join(seed, "store", "tarball.lz4"));
  await rm(dir, { recursive: true, force: true });

  const summary = Object.fromEntries(
    Object.entries(measured).map(([name, list]) => [name, { describe: variants[name]!.describe, wallS: median(list.map((r) => r.wallS)), peakRssMiB: Math.round(Math.max(...list.map((r) => r.maxRssMiB))) }]),
  );
  const ratio = Number((summary.seed!.wallS / summary.ours!.wallS).toFixed(2));
  console.log(`data dir ${formatBytes(size)} → ${formatBytes(reported.size)} lz4; ours ${summary.ours!.wallS} s (peak ${summary.ours!.peakRssMiB} MiB), seed's pipe ${summary.seed!.wallS} s (peak ${summary.seed!.peakRssMiB} MiB): seed/ours = ${ratio}×`);
  return { dataDirBytes: size, tarballBytes: reported.size, runs, ...summary, seedOverOurs: ratio, sameTarStream };
}

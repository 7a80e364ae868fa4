// Demo step "filecoin": the export-snapshot operation against the built-in Lotus simulator:
// export two consecutive 2880-epoch windows (Lotus writes a real CAR v1 → zstd → sha256 → bucket,
// manifest beside each, latest.json last), write the Prometheus textfile (with Filcryo's names too),
// print the status table.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConsoleLogger, systemClock } from "@chainops/shared";
import { startLotusSim } from "@chainops/testkit";
import { parseConfig } from "../../actions/export-snapshot/src/config";
import { run } from "../../actions/export-snapshot/src/run";
import type { DemoContext } from "./context";

export const filecoinStep = { name: "filecoin", run: runFilecoinDemo };

async function runFilecoinDemo(context: DemoContext): Promise<void> {
  context.step("filecoin: export two archival snapshot windows from a simulated Lotus node");
  const logger = new ConsoleLogger();
  // The simulated chain follows this clock: head = 2 windows + finality + margin past genesis.
  const clock = systemClock;
  const sim = await startLotusSim({ clock, repoDir: join(context.dir, "lotus"), height: 2880 * 2 + 900 + 15, nullRounds: [2880], exportSize: 4 << 20 });
  const metricsFile = join(context.dir, "metrics", "filecoin-snapshots.prom");
  // metrics-compat: filcryo adds Filcryo's names beside ours, as a migration from Filcryo would.
  const inputs = { bucket: context.bucketUrl, "lotus-path": sim.repoDir, "start-epoch": "0", "max-exports": "2", "metrics-file": metricsFile, "metrics-compat": "filcryo" };
  try {
    const deps = { logger, clock, runId: "demo", env: process.env, pathEnv: process.env.PATH };
    const exported = await run(parseConfig({ ...inputs, mode: "export" }), deps);
    for (const m of exported.exported) logger.info(`published ${m.key} (${m.compressed_size_bytes} bytes, sha256 ${m.sha256})`);
    console.log(`\n${(await readFile(metricsFile, "utf8")).trim()}\n`);
    const status = await run(parseConfig({ ...inputs, mode: "status" }), deps);
    console.log(status.summary.toText());
  } finally {
    await sim.close();
  }
}

// `npm run bench`: our pipelines against the plain shell way on the same generated input, in
// the same run. BENCH_SIZE sets the input size (default 1G). Writes bench/results.json.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { benchPipeline } from "./pipeline";
import { benchFilecoin } from "./filecoin";
import { benchShots } from "./shots";
import { benchColdStart } from "./cold-start";

type Bench = { name: string; run: () => Promise<Record<string, unknown>> };

const benches: Bench[] = [
  // Each benchmark adds itself here.
  { name: "pipeline", run: benchPipeline },
  { name: "filecoin", run: benchFilecoin },
  { name: "shots", run: benchShots },
  { name: "cold-start", run: benchColdStart },
];

const only = process.env.BENCH_ONLY;
const out = fileURLToPath(new URL("./results.json", import.meta.url));
// BENCH_ONLY runs a subset: keep the other benches' last figures in the file.
const previous = await readFile(out, "utf8").then((text) => JSON.parse(text) as Record<string, unknown>, () => ({}));
const results: Record<string, unknown> = { ...previous, date: new Date().toISOString(), node: process.version };
for (const bench of benches) {
  if (only && !only.split(",").includes(bench.name)) continue;
  console.log(`\n━━ bench: ${bench.name} ━━`);
  results[bench.name] = await bench.run();
}
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${out}`);

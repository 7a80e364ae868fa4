// `npm run bench` → cold-start: how long each action bundle takes from exec to its first log line,
// against `node -e 'console.log(0)'` (Node's own start-up), interleaved, medians and their ratio.
// The bundles run as the runner runs them (`node actions/<name>/dist/index.js`) without inputs, so
// the first line is their input error: everything up to it is loading the bundle and starting up.
// BENCH_COLD_RUNS (default 15) sets the runs per variant. Target: ≤ 5× Node's own start.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./measure-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const TARGET_RATIO = 5;

/** Milliseconds from spawn to the first byte on stdout. */
function timeToFirstLine(argv: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // No INPUT_*, no GITHUB_* files: a bundle prints its input error and exits.
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    let first: number | undefined;
    let stderr = "";
    child.stdout.once("data", () => {
      first = Number(process.hrtime.bigint() - started) / 1e6;
    });
    child.stdout.resume();
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on("error", reject);
    child.on("close", () => (first === undefined ? reject(new Error(`${argv.join(" ")} printed nothing:\n${stderr}`)) : resolve(first)));
  });
}

export async function benchColdStart(): Promise<Record<string, unknown>> {
  const runs = Math.max(3, Number.parseInt(process.env.BENCH_COLD_RUNS ?? "15", 10) || 15);
  const actions = readdirSync(join(root, "actions")).filter((name) => existsSync(join(root, "actions", name, "dist", "index.js"))).sort();
  const variants: Record<string, string[]> = {
    node: [process.execPath, "-e", "console.log(0)"],
    ...Object.fromEntries(actions.map((name) => [name, [process.execPath, join(root, "actions", name, "dist", "index.js")]])),
  };
  const cwd = await mkdtemp(join(tmpdir(), "chainops-cold-start-"));
  const measured: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  try {
    for (const argv of Object.values(variants)) await timeToFirstLine(argv, cwd); // warm the page cache
    for (let run = 0; run < runs; run++) {
      for (const [name, argv] of Object.entries(variants)) measured[name]!.push(await timeToFirstLine(argv, cwd));
    }
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
  const node = median(measured.node!);
  const summary = Object.fromEntries(
    Object.entries(measured).map(([name, list]) => [name, { medianMs: Math.round(median(list) * 10) / 10, overNode: Math.round((median(list) / node) * 100) / 100 }]),
  );
  console.log(`time to the first log line, medians of ${runs} runs (node -e 'console.log(0)' = ${node.toFixed(0)} ms):`);
  for (const name of actions) console.log(`  ${name.padEnd(16)} ${summary[name]!.medianMs.toFixed(0)} ms  = ${summary[name]!.overNode}× node (target ≤ ${TARGET_RATIO}×)`);
  const worst = Math.max(...actions.map((name) => summary[name]!.overNode));
  return { runs, nodeMs: summary.node!.medianMs, actions: Object.fromEntries(actions.map((name) => [name, summary[name]])), worstOverNode: worst, target: TARGET_RATIO, meetsTarget: worst <= TARGET_RATIO };
}

// Demo step "shots": publish-shots against the built-in octez simulator: a rolling snapshot and an
// lz4 tarball of a generated data dir, metadata, base.json, tezos-snapshots.json, latest pointers
// and the static site in the demo bucket; then `chainops shots fetch` brings the tarball back.
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConsoleLogger, systemClock } from "@chainops/shared";
import { runCommand } from "@chainops/shared/exec";
import { createOctezDataDir, installFakeOctezNode, startOctezSim } from "@chainops/testkit";
import { parseConfig } from "../../actions/publish-shots/src/config";
import { buildReport } from "../../actions/publish-shots/src/report";
import { run } from "../../actions/publish-shots/src/run";
import type { DemoContext } from "./context";

export const shotsStep = { name: "shots", run: runShotsDemo };

async function runShotsDemo(context: DemoContext): Promise<void> {
  context.step("shots: publish a Tezos rolling snapshot and a tarball from a simulated octez node, and build the site");
  const logger = new ConsoleLogger();
  const dir = join(context.dir, "tezos");
  const sim = await startOctezSim({ clock: systemClock, network: "ghostnet" });
  const pathEnv = `${join(dir, "bin")}${delimiter}${process.env.PATH ?? ""}`;
  await installFakeOctezNode(join(dir, "bin"));
  // A copy of the node's data dir taken a few blocks ago (its head is final on the live node already).
  const data = await createOctezDataDir(join(dir, "node-data"), { size: 8 << 20, network: "ghostnet", rpcListenAddr: sim.listenAddr, chain: sim.chain, headLevel: sim.chain.headLevel() - 3 });
  try {
    const config = parseConfig({
      network: "ghostnet",
      "history-mode": "rolling",
      "data-dir": data.path,
      "rpc-url": sim.url,
      bucket: context.bucketUrl,
      "site-prefix": "tezos",
      org: "chainops demo",
      "verify-import": "true",
      "metrics-file": join(context.dir, "metrics", "tezos-snapshots-ghostnet-rolling.prom"),
    });
    const result = await run(config, { logger, clock: systemClock, runId: "demo", env: { ...process.env, PATH: pathEnv }, pathEnv });
    console.log(`\n${buildReport(result).toText()}`);

    // What a node operator runs: the built CLI, as `npx chainops shots fetch …` would.
    context.step("shots: chainops shots fetch restores the newest tarball into a fresh data dir");
    await runCommand(
      process.execPath,
      [context.cli, "shots", "fetch", "--index-url", result.indexUrl, "--network", "ghostnet", "--history-mode", "rolling", "--artifact-type", "tarball", "--dest", join(dir, "fetched-node-data")],
      { logger, stdoutTo: "info", cwd: context.root, env: { ...process.env, PATH: pathEnv } },
    );
    const site = join(context.dir, "bucket", "tezos", "index.html");
    console.log(`\nOpen the site: ${pathToFileURL(site).href}`);
    console.log(`or serve the bucket like a static bucket website: python3 -m http.server -d ${join(context.dir, "bucket")} 8000  →  http://127.0.0.1:8000/tezos/`);
  } finally {
    await sim.close();
  }
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSlack } from "@chainops/shared/notify";
import { readJson } from "@chainops/shared/storage";
import { describeWithTools, slackApi, slackPayload, startCaptureServer, startSpacemeshSim, type CaptureServer, type SpacemeshSim } from "@chainops/testkit";
import { runCommand } from "@chainops/shared/exec";
import { run } from "../src/run";
import { watchStateKey } from "../src/watch";
import { nextWatchState, type Observation } from "../src/watch-state";
import { COINBASE } from "./plan-fixtures";
import { startWorld, type World } from "./world";

let world: World | undefined;
let sim: SpacemeshSim | undefined;
let slack: CaptureServer | undefined;
afterEach(async () => {
  await world?.close();
  await sim?.close();
  await slack?.close();
  world = sim = slack = undefined;
});

const NODES = ["bootnode-0", "bootnode-1", "smesher-0", "smesher-1", "smesher-2"];

async function watchedWorld() {
  world = await startWorld();
  const created = await run(world.config("create"), world.deps());
  const genesis = JSON.parse(created.outputs.plan!).genesis.time as string;
  sim = await startSpacemeshSim({ clock: world.clock, genesisTime: genesis, layerDurationMs: 60_000, nodes: Object.fromEntries(NODES.map((n) => [n, { accounts: { [COINBASE]: 3_500_000_000n } }])) });
  slack = await startCaptureServer({ routes: slackApi() });
  world.clock.set(Date.parse(genesis) + 10 * 60_000);
  const w = world;
  const s = sim;
  const metricsFile = join(w.dir, "deploy-network.prom");
  const deps = () => w.deps({ slack: createSlack({ token: "xoxb-test", channel: "#ops", apiUrl: `${slack!.url}/api/`, logger: w.logger }) });
  const check = async () => {
    w.clock.advance(60_000);
    return run(w.config("watch", { "node-api-url": `${s.url}/{name}`, "stuck-checks": "3", "metrics-file": metricsFile }), deps());
  };
  const posted = () => slack!.requestsTo("/api/chat.postMessage").map((r) => String(slackPayload(r).text));
  return { check, posted, metricsFile };
}

describe("watch", () => {
  it("a stalled node and a dead node each give one alert, not one per run; recovery is announced once", async () => {
    const { check, posted, metricsFile } = await watchedWorld();
    expect((await check()).outputs.result).toBe("ok");
    expect(posted()).toEqual([]);

    sim!.node("smesher-0").stall();
    for (let i = 0; i < 4; i++) await check();
    expect(posted()).toEqual([expect.stringMatching(/devnet-42: smesher-0 is not synced/)]);
    const state = (await readJson<any>(world!.store, watchStateKey("devnet-42")))!.value;
    expect(state.nodes["smesher-0"]).toMatchObject({ problem: "stuck", sameLayerChecks: 4 });

    sim!.node("smesher-1").down();
    const dead = await check();
    expect(dead.outputs.result).toBe("alert");
    await check();
    await check();
    expect(posted().filter((t) => t.includes("smesher-1"))).toEqual([expect.stringMatching(/smesher-1 is unreachable: Spacemesh API GET .* failed/)]);

    sim!.node("smesher-0").resume();
    sim!.node("smesher-1").up();
    await check();
    await check();
    const recoveries = posted().filter((t) => t.includes("recovered"));
    expect(recoveries.sort()).toEqual([expect.stringMatching(/smesher-0 recovered \(was stuck\)/), expect.stringMatching(/smesher-1 recovered \(was unreachable\)/)]);
    expect(posted()).toHaveLength(4);

    const metrics = readFileSync(metricsFile, "utf8");
    expect(metrics).toMatch(/# HELP chainops_deploy_network_node_top_layer /);
    expect(metrics).toMatch(/chainops_deploy_network_node_reachable_bool\{network="devnet-42",node="smesher-1"\} 1/);
    expect(metrics).toMatch(/chainops_deploy_network_alerts_total\{kind="unreachable",network="devnet-42"\} 1/);
    expect(metrics).toMatch(/chainops_deploy_network_alerts_total\{kind="not-synced",network="devnet-42"\} 1/);
  });

  it("sends at most 4 alerts of a kind per hour", () => {
    const down = (node: string): Observation => ({ node, reachable: false, synced: false, restarts: 0 });
    const up = (node: string): Observation => ({ node, reachable: true, synced: true, topLayer: 1, restarts: 0 });
    let state = undefined;
    const sent: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      // Flapping: down, up, down…
      const a = nextWatchState(state, [down("n")], { now: i * 60_000, stuckChecks: 3 });
      sent.push(!a.events[0]!.suppressed);
      state = nextWatchState(a.state, [{ ...up("n"), topLayer: i + 2 }], { now: i * 60_000 + 1, stuckChecks: 3 }).state;
    }
    expect(sent).toEqual([true, true, true, true, false, false]);
    const later = nextWatchState(state, [down("n")], { now: 3_600_000 + 60_000, stuckChecks: 3 });
    expect(later.events[0]!.suppressed).toBe(false);
  });

  it("a crash-looping pod is an alert", async () => {
    const { check, posted } = await watchedWorld();
    await check();
    world!.kube.crashLoop("smesher-2", 4);
    await world!.kube.settled();
    await check();
    expect(posted()).toEqual([expect.stringMatching(/smesher-2 is crash-looping: 4 restarts/)]);
  });
});

describe("rewards", () => {
  it("reads each smesher's coinbase balance from its node and marks managed coinbases", async () => {
    const { check } = await watchedWorld();
    void check;
    const extra = "stest1qqqqqqx7w0y7ycr5lfjkcj9n7cuvlprqfqd3fyqu4q4fe";
    sim!.node("smesher-0").accounts.set(extra, 12n);
    sim!.node("smesher-0").api = "v1";
    const result = await run(world!.config("rewards", { "node-api-url": `${sim!.url}/{name}`, accounts: extra }), world!.deps());
    const rows = JSON.parse(result.outputs.rewards!) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.smesher, r.account, r.smh, r.managed])).toEqual([
      ["smesher-0", COINBASE, "3.5", true],
      ["smesher-1", COINBASE, "3.5", true],
      ["smesher-2", COINBASE, "3.5", true],
      ["", extra, expect.any(String), false],
    ]);
    expect(sim!.requests.some((r) => r.node === "smesher-0" && r.path === "/v1/globalstate/account")).toBe(true);
    expect(sim!.requests.some((r) => r.node === "smesher-1" && r.path === "/spacemesh.v2beta1.AccountService/List")).toBe(true);
  });
});

describeWithTools(["promtool"], "watch's Prometheus textfile", (tools) => {
  it("passes promtool check metrics (names, units, HELP on every series)", async () => {
    const { check, metricsFile } = await watchedWorld();
    sim!.node("smesher-1").down();
    await check();
    const result = await runCommand(tools.promtool!, ["check", "metrics"], { input: readFileSync(metricsFile), captureStdout: true, okExitCodes: [0, 1] });
    expect(result.stdout + result.stderrTail.join("\n")).toBe("");
    expect(result.exitCode).toBe(0);
  });
});

// `chainops network …` as a user runs it: the built CLI as a process, against the same fakes.
import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../../packages/cli/src/program";
import { Terminal, TerminalLogger } from "../../../packages/cli/src/terminal";
import { spawnChainops } from "../../../packages/cli/test/spawn-cli";
import { COMMANDS, INPUTS, OPERATION_FIELDS } from "../src/config";
import { COINBASE } from "./plan-fixtures";
import { startWorld, type World } from "./world";

describe("chainops network", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("every command takes its operation's inputs as flags, and no secret", () => {
    const terminal = new Terminal(new PassThrough(), new PassThrough());
    const program = buildProgram({ logger: new TerminalLogger(terminal), env: {}, terminal, stdin: new PassThrough() });
    const network = program.commands.find((c) => c.name() === "network")!;
    for (const name of COMMANDS) {
      const command = network.commands.find((c: Command) => c.name() === name)!;
      const flags = command.options.map((o) => o.long!.replace(/^--/, ""));
      expect(flags, name).toEqual(expect.arrayContaining(OPERATION_FIELDS[name].map((f) => INPUTS[f as keyof typeof INPUTS])));
      expect(flags.some((f) => /token/.test(f)), name).toBe(false);
    }
  });

  it("plan --json prints the plan; create applies it; hosts lists the nodes", async () => {
    const flags = ["--network", "devnet-8", "--miners", "3", "--bootnodes", "1", "--coinbases", COINBASE, "--store", world.storeUrl, "--kubeconfig", world.kubeconfig];
    const plan = await spawnChainops(["network", "plan", ...flags, "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).plan.nodes.map((n: { name: string }) => n.name)).toEqual(["bootnode-0", "poet-0", "smesher-0", "smesher-1"]);
    const create = await spawnChainops(["network", "create", ...flags]);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toMatch(/deploy-network create devnet-8: plan/);
    const hosts = await spawnChainops(["network", "hosts", "--network", "devnet-8", "--kubeconfig", world.kubeconfig, "--json"]);
    expect(JSON.parse(hosts.stdout).map((h: { name: string; ready: boolean }) => `${h.name}:${h.ready}`)).toEqual(["bootnode-0:true", "smesher-0:true", "smesher-1:true"]);
  });

  it("a bad value exits 1 naming the input; a missing required flag is a usage error (2)", async () => {
    const bad = await spawnChainops(["network", "plan", "--network", "devnet-8", "--poets", "0", "--coinbases", COINBASE]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Invalid poets \(got "0"\): must be between 1 and 16/);
    const usage = await spawnChainops(["network", "plan"]);
    expect(usage.code).toBe(2);
  });
});

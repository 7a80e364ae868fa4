// The rules every chainops command follows, for every command the groups register (walked from the
// program, so a group added later is covered without a new test):
//   --help / -h → that command's usage on stdout, exit 0
//   unknown flag, missing argument or required option, extra argument → exit 2, usage on stderr
//   bare `chainops` and `chainops <group>` → usage on stderr, exit 2
// Every command is checked through runCli, the function the executable calls, with recording
// streams; every group, and a subcommand of each, also as the built CLI spawned as a process.
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram, runCli } from "../src/program";
import { Terminal, TerminalLogger } from "../src/terminal";
import { spawnChainops, repoRoot, type CliRun } from "./spawn-cli";

interface CommandInfo {
  path: string[];
  isGroup: boolean;
  /** Placeholder values for the required arguments, and the required options with a value. */
  requiredArgs: string[];
  requiredOptions: string[];
}

function commandTree(): CommandInfo[] {
  const terminal = new Terminal(new PassThrough(), new PassThrough());
  const program = buildProgram({ logger: new TerminalLogger(terminal), env: {}, terminal, stdin: new PassThrough() });
  const found: CommandInfo[] = [];
  const walk = (command: Command, path: string[]) => {
    found.push({
      path,
      isGroup: command.commands.length > 0,
      requiredArgs: command.registeredArguments.filter((a) => a.required).map(() => "placeholder"),
      requiredOptions: command.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, "placeholder"]),
    });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return found;
}

/** One invocation through runCli with recording streams (what bin/chainops.js runs, minus the process). */
async function inProcess(args: string[]): Promise<CliRun> {
  const stdout = recorder();
  const stderr = recorder();
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function recorder(): { write(text: string): boolean; text(): string } {
  let written = "";
  return { write: (text: string) => ((written += text), true), text: () => written };
}

const commands = commandTree();
const name = (c: CommandInfo) => ["chainops", ...c.path].join(" ");
/** Commander's usage line starts with the command's full name. */
const usageOf = (c: CommandInfo) => new RegExp(`^Usage: ${name(c).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `, "m");

describe("the command tree", () => {
  it("has every group the README and the help list", () => {
    const groups = commands.filter((c) => c.path.length === 1).map((c) => c.path[0]);
    expect(groups).toEqual(expect.arrayContaining(["store", "canary", "filecoin", "shots"]));
    expect(commands.filter((c) => !c.isGroup).length).toBeGreaterThan(10);
  });
});

const groups = commands.filter((c) => c.path.length === 1);
/** What is spawned: the root, every group and its first subcommand. */
const spawned = [commands[0]!, ...groups.flatMap((g) => [g, commands.find((c) => c.path.length === 2 && c.path[0] === g.path[0])!])];

describe.each([
  { via: "runCli", run: inProcess, commands },
  { via: "the spawned CLI", run: (args: string[]) => spawnChainops(args), commands: spawned },
])("via $via", ({ run: chainops, commands }) => describe.concurrent.each(commands)("$path.0 $path.1", (command) => {
  it(`${name(command)} --help and -h print its usage on stdout, exit 0`, { timeout: 180_000 }, async () => {
    for (const flag of ["--help", "-h"]) {
      const run = await chainops([...command.path, flag]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(usageOf(command));
      expect(run.stdout).toContain("Exit status: 0 done");
    }
  });

  it(`${name(command)} with an unknown flag exits 2 with the usage on stderr`, { timeout: 180_000 }, async () => {
    const run = await chainops([...command.path, ...command.requiredArgs, ...command.requiredOptions, "--no-such-flag"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(command.isGroup ? /error: unknown (option|command)/ : /error: unknown option '--no-such-flag'/);
    expect(run.stderr).toMatch(usageOf(command));
  });

  if (command.isGroup) {
    it(`bare ${name(command)} prints its usage on stderr, exit 2; an unknown subcommand too`, { timeout: 180_000 }, async () => {
      const bare = await chainops(command.path);
      expect(bare.code).toBe(2);
      expect(bare.stdout).toBe("");
      expect(bare.stderr).toMatch(usageOf(command));
      const unknown = await chainops([...command.path, "no-such-command"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stdout).toBe("");
      expect(unknown.stderr).toContain("unknown command 'no-such-command'");
    });
  } else if (command.requiredArgs.length || command.requiredOptions.length) {
    it(`${name(command)} without its required arguments or options exits 2 with the usage on stderr`, { timeout: 180_000 }, async () => {
      const cases = [
        ...(command.requiredArgs.length ? [{ args: command.requiredOptions, error: /error: missing required argument/ }] : []),
        ...(command.requiredOptions.length ? [{ args: command.requiredArgs, error: /error: required option .* not specified/ }] : []),
        // One argument too many is a usage error too, not silently ignored.
        { args: [...command.requiredArgs, ...command.requiredOptions, "extra-argument"], error: /error: too many arguments/ },
      ];
      for (const { args, error } of cases) {
        const run = await chainops([...command.path, ...args]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(error);
        expect(run.stderr).toMatch(usageOf(command));
      }
    });
  }
}));

describe("--json", () => {
  /** Every command a script calls (issue 9 §4); commands added later that a script calls belong here too. */
  const SCRIPTED = [
    "store ls", "store put", "store verify",
    "filecoin status", "filecoin export", "filecoin restore", "filecoin wait-sync",
    "shots publish", "shots fetch", "shots list",
    "canary status", "canary upgrade", "canary install-snapshot", "canary create", "canary delete", "canary acquire", "canary release",
  ];
  it.each(SCRIPTED)("chainops %s takes --json", (path) => {
    const command = commands.find((c) => c.path.join(" ") === path);
    expect(command, `chainops ${path} exists`).toBeDefined();
    const terminal = new Terminal(new PassThrough(), new PassThrough());
    const program = buildProgram({ logger: new TerminalLogger(terminal), env: {}, terminal, stdin: new PassThrough() });
    const found = path.split(" ").reduce<Command>((c, name) => c.commands.find((sub) => sub.name() === name)!, program);
    expect(found.options.map((o) => o.long)).toContain("--json");
  });
});

describe("chainops --version", () => {
  it("prints the CLI package's version, exit 0", async () => {
    const { version } = JSON.parse(readFileSync(`${repoRoot}/packages/cli/package.json`, "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const run = await spawnChainops([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });
});

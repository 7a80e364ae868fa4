// The CLI is a second adapter over the actions: every action input is a flag of the same name,
// except the ones named here (with the reason), so a new input cannot be forgotten in the CLI.
import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { INPUTS as CANARY_INPUTS } from "../../../actions/canary/src/config";
import { INPUT_NAMES as EXPORT_INPUTS } from "../../../actions/export-snapshot/src/config";
import { INPUT_NAMES as PUBLISH_INPUTS } from "../../../actions/publish-shots/src/config";
import { buildProgram } from "../src/program";
import { Terminal, TerminalLogger } from "../src/terminal";

const terminal = new Terminal(new PassThrough(), new PassThrough());
const program = buildProgram({ logger: new TerminalLogger(terminal), env: {}, terminal, stdin: new PassThrough() });
const find = (path: string[]): Command => path.reduce((command, name) => command.commands.find((c) => c.name() === name)!, program);
const flagsOf = (path: string[]) => find(path).options.map((o) => o.long!.replace(/^--/, ""));

/** Secrets come from the environment only (a flag would show in `ps`): SLACK_TOKEN, GITHUB_TOKEN. */
const SECRETS = ["slack-token", "github-token"];
/** Only the GitHub side has a commenter to gate, a parse step or a typed comment. */
const GITHUB_ONLY = ["mode", "command", "resolved-ref", "required-permission", "force-permission", "force-team", "allow-forks"];

describe("action inputs are CLI flags", () => {
  it.each(["export", "status", "wait-sync", "restore"])("chainops filecoin %s takes every export-snapshot input but mode (the subcommand)", (mode) => {
    expect(flagsOf(["filecoin", mode])).toEqual(expect.arrayContaining(EXPORT_INPUTS.filter((n) => n !== "mode" && !SECRETS.includes(n))));
  });

  it("chainops shots publish takes every publish-shots input", () => {
    expect(flagsOf(["shots", "publish"])).toEqual(expect.arrayContaining(PUBLISH_INPUTS.filter((n) => !SECRETS.includes(n))));
  });

  it("chainops canary upgrade takes every canary input (the release is its argument)", () => {
    const inputs = Object.values(CANARY_INPUTS).filter((n) => n !== "release" && !GITHUB_ONLY.includes(n));
    expect(flagsOf(["canary", "upgrade"])).toEqual(expect.arrayContaining(inputs));
    expect(find(["canary", "upgrade"]).registeredArguments.map((a) => a.name())).toEqual(["release"]);
  });

  it("no command takes a secret as a flag", () => {
    const all: string[] = [];
    const walk = (command: Command) => {
      all.push(...command.options.map((o) => o.long ?? ""));
      command.commands.forEach(walk);
    };
    walk(program);
    expect(all.filter((flag) => /token$/.test(flag) && flag !== "--lotus-token")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { findCommand, formatUsage, parseCommand, usageLine, type Grammar } from "../src/github/parse-command";

// A second bot word is a table, not a parser: /deploy-network with its own commands.
const network = { name: "network", pattern: /devnet-[0-9]+|testnet/ };
const version = { name: "version", pattern: /v[0-9]+\.[0-9]+\.[0-9]+/, optional: true };
const grammar: Grammar = {
  word: "/deploy-network",
  commands: [
    { name: "plan", aliases: ["preview"], summary: "show what would change", args: [network, version], alternateForms: [[{ ...version, optional: false }, network]], flags: [{ name: "--force", description: "ignore locks" }] },
    { name: "apply", summary: "apply", args: [network, { name: "twin", pattern: /devnet-[0-9]+|testnet/, optional: true }], alternateForms: [[{ name: "twin", pattern: /devnet-[0-9]+|testnet/ }, network]] },
    { name: "status", summary: "status", args: [] },
  ],
};

describe("parseCommand", () => {
  it("matches the canonical form and resolves aliases", () => {
    expect(parseCommand(grammar, "/deploy-network preview devnet-3 v1.2.3 --force")).toEqual({
      ok: true,
      command: { name: "plan", args: { network: "devnet-3", version: "v1.2.3" }, flags: ["--force"], form: 0 },
    });
    expect(findCommand(grammar, "preview")?.name).toBe("plan");
  });

  it("accepts an alternate order only when exactly one reading fits", () => {
    expect(parseCommand(grammar, "/deploy-network plan v1.2.3 testnet")).toMatchObject({ ok: true, command: { args: { network: "testnet", version: "v1.2.3" }, form: 1 } });
    expect(parseCommand(grammar, "/deploy-network apply devnet-1 devnet-2")).toMatchObject({ ok: false, reason: expect.stringContaining("ambiguous") });
  });

  it("anchors patterns: a pattern must match the whole word", () => {
    expect(parseCommand(grammar, "/deploy-network plan devnet-1x").ok).toBe(false);
    expect(parseCommand(grammar, "/deploy-network plan xdevnet-1").ok).toBe(false);
  });

  it.each([
    ["unknown command", "/deploy-network destroy devnet-1", "unknown command"],
    ["unknown flag", "/deploy-network plan devnet-1 --yes", "does not take the flag"],
    ["repeated flag", "/deploy-network plan devnet-1 --force --force", "given twice"],
    ["missing argument", "/deploy-network plan", "do not match"],
    ["extra argument", "/deploy-network status now", "do not match"],
    ["no command", "/deploy-network", "no command"],
  ])("refuses %s", (_name, body, reason) => {
    expect(parseCommand(grammar, body)).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });

  it("renders usage from the table", () => {
    expect(usageLine(grammar, grammar.commands[0]!)).toBe("/deploy-network plan <network> [<version>] [--force]");
    const usage = formatUsage(grammar);
    expect(usage).toContain("(alias: `preview`)");
    expect(usage).toContain("- `--force`: ignore locks");
  });
});

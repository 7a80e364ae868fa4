import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Context a fake's script gets besides argv. */
export interface FakeContext {
  /** stdin as text when readStdin is set, else "". */
  stdin: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** How one fake CLI answers. Static stdout/stderr are written first, then the script runs. */
export interface FakeBehaviour {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /**
   * Node code run in the fake process: a function (serialised with toString, so it must not use
   * closures or imports) or the body of an async function of (argv, ctx). A number returned is the
   * exit code, a string is written to stdout.
   */
  script?: string | ((argv: string[], ctx: FakeContext) => unknown);
  /** Read all of stdin (recorded, and given to the script). Off by default so a fake never waits on a terminal. */
  readStdin?: boolean;
  /** Environment variables to record with each call (e.g. LOTUS_PATH). */
  recordEnv?: string[];
}

export interface FakeCall {
  argv: string[];
  cwd: string;
  stdin?: string;
  env?: Record<string, string | undefined>;
}

export interface FakeExecutables {
  /** The directory holding the fakes; put it first on PATH. */
  dir: string;
  /** PATH with the fakes first, then `base` (default: the current PATH). */
  pathEnv(base?: string): string;
  /** Absolute path of one fake. */
  path(name: string): string;
  /** The argv of every call of a fake, in order. */
  calls(name: string): string[][];
  /** Every call with its cwd (and stdin/env when recorded). */
  invocations(name: string): FakeCall[];
  /** Changes how a fake answers from now on. */
  set(name: string, behaviour: FakeBehaviour): void;
  remove(): void;
}

/**
 * Writes small executable node scripts (helm, lotus, octez-client, …) into a temp dir. Each one
 * records its argv as a JSON line and answers as told, so code under test runs its real spawn
 * path against them.
 */
export function fakeExecutables(behaviours: Record<string, FakeBehaviour>): FakeExecutables {
  for (const name of Object.keys(behaviours)) checkName(name);
  const dir = mkdtempSync(join(tmpdir(), "chainops-fakes-"));
  const logOf = (name: string) => join(dir, `.${name}.calls.jsonl`);
  const write = (name: string, behaviour: FakeBehaviour) => {
    checkName(name);
    const file = join(dir, name);
    writeFileSync(file, fakeSource(logOf(name), behaviour));
    chmodSync(file, 0o755);
  };
  for (const [name, behaviour] of Object.entries(behaviours)) write(name, behaviour);

  const invocations = (name: string): FakeCall[] => {
    const log = logOf(name);
    if (!existsSync(log)) return [];
    return readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as FakeCall);
  };
  return {
    dir,
    pathEnv: (base = process.env.PATH ?? "") => (base ? `${dir}${delimiter}${base}` : dir),
    path: (name) => join(dir, name),
    calls: (name) => invocations(name).map((call) => call.argv),
    invocations,
    set: write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) throw new Error(`Invalid fake executable name ${JSON.stringify(name)}`);
}

function fakeSource(log: string, behaviour: FakeBehaviour): string {
  const script =
    behaviour.script === undefined
      ? "undefined"
      : typeof behaviour.script === "function"
        ? `(${behaviour.script.toString()})`
        : `(async (argv, ctx) => {\n${behaviour.script}\n})`;
  const config = {
    log,
    stdout: behaviour.stdout ?? "",
    stderr: behaviour.stderr ?? "",
    exitCode: behaviour.exitCode ?? 0,
    readStdin: behaviour.readStdin ?? false,
    recordEnv: behaviour.recordEnv ?? [],
  };
  // CommonJS (no package.json around the temp dir) and the node running the tests, not whichever is on PATH.
  return `#!${process.execPath}
"use strict";
const fs = require("node:fs");
const config = ${JSON.stringify(config)};
const argv = process.argv.slice(2);
const stdin = config.readStdin ? fs.readFileSync(0, "utf8") : "";
const call = { argv, cwd: process.cwd() };
if (config.readStdin) call.stdin = stdin;
if (config.recordEnv.length) call.env = Object.fromEntries(config.recordEnv.map((k) => [k, process.env[k]]));
fs.appendFileSync(config.log, JSON.stringify(call) + "\\n");
if (config.stdout) process.stdout.write(config.stdout);
if (config.stderr) process.stderr.write(config.stderr);
process.exitCode = config.exitCode;
const script = ${script};
if (script) {
  Promise.resolve(script(argv, { stdin, env: process.env, cwd: process.cwd() })).then(
    (result) => {
      if (typeof result === "number") process.exitCode = result;
      else if (typeof result === "string") process.stdout.write(result);
    },
    (error) => {
      process.stderr.write(String(error && error.stack || error) + "\\n");
      process.exitCode = 70;
    },
  );
}
`;
}

#!/usr/bin/env node
// A stand-in for the `lotus` binary, for restore tests: supports only
//   lotus daemon --import-snapshot <file.car> --halt-after-import [--bootstrap=false]
// It reads the whole CAR (so a broken file fails as it would in Lotus), then marks the repo
// ($LOTUS_PATH, default ~/.lotus) as holding a chain and records what it imported.
import { createReadStream } from "node:fs";
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { CarBlockIterator } from "@ipld/car/iterator";

const args = process.argv.slice(2);
const fail = (message, code = 1) => {
  process.stderr.write(`ERROR: ${message}\n`);
  process.exit(code);
};
if (process.env.FAKE_LOTUS_LOG) await appendFile(process.env.FAKE_LOTUS_LOG, `${JSON.stringify(args)}\n`);
if (args[0] !== "daemon") fail(`fake lotus supports only "daemon --import-snapshot", got: ${args.join(" ")}`, 2);
const importAt = args.indexOf("--import-snapshot");
const file = importAt >= 0 ? args[importAt + 1] : undefined;
if (!file) fail("--import-snapshot <file> is required", 2);
if (!args.includes("--halt-after-import")) fail("fake lotus never runs a daemon: pass --halt-after-import", 2);
const repo = process.env.LOTUS_PATH || join(homedir(), ".lotus");

let roots;
let blocks = 0;
try {
  const iterator = await CarBlockIterator.fromIterable(createReadStream(file));
  roots = (await iterator.getRoots()).map(String);
  for await (const _block of iterator) blocks++;
} catch (error) {
  fail(`importing chain failed: ${error.message}`);
}
await mkdir(join(repo, "datastore", "chain"), { recursive: true });
const record = { file, roots, blocks, bootstrap: !args.includes("--bootstrap=false") };
await writeFile(join(repo, "datastore", "chain", "imported.json"), JSON.stringify(record));
process.stdout.write(`imported ${blocks} blocks, head ${roots.join(",")}\n`);

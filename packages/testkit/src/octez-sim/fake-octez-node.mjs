#!/usr/bin/env node
// A fake `octez-node` for tests, demo and bench: `snapshot export|info|import` on real files.
// Export asks the octez simulator (the RPC address in <data-dir>/config.json) for the block, then
// writes a snapshot file: a magic line, a JSON header line, the data dir's files as records, and
// a sha256 trailer, so info reads the header and import detects truncation or corruption.
// Test knobs (environment): OCTEZ_SIM_FAIL=export,info,import makes that command fail;
// OCTEZ_SIM_SLOW_MS=n sleeps n ms between files during export; OCTEZ_SIM_LOG=<file> appends argv as JSON.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { appendFile, mkdir, open, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";

const MAGIC = "OCTEZ-SIM-SNAPSHOT v1";
const SNAPSHOT_VERSION = 9;

function fail(message, code = 1) {
  process.stderr.write(`octez-node: Error:\n  ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--rolling" || arg === "--json" || arg === "--no-check" || arg === "--force") flags[arg.slice(2)] = true;
    else if (arg.startsWith("--")) {
      const value = argv[++i];
      if (value === undefined) fail(`option ${arg} needs a value`, 2);
      flags[arg.slice(2)] = value;
    } else positional.push(arg);
  }
  return { flags, positional };
}

async function listFiles(root, dir = root, out = []) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await listFiles(root, full, out);
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join("/"));
  }
  return out;
}

async function rpcAddress(dataDir) {
  if (process.env.OCTEZ_SIM_RPC) return process.env.OCTEZ_SIM_RPC;
  let config;
  try {
    config = JSON.parse(await readFile(join(dataDir, "config.json"), "utf8"));
  } catch {
    fail(`${dataDir} is not an octez-node data directory (no readable config.json)`);
  }
  const addr = config?.rpc?.["listen-addrs"]?.[0];
  if (!addr) fail(`${join(dataDir, "config.json")} has no rpc.listen-addrs`);
  return `http://${addr}`;
}

async function exportSnapshot(flags, positional) {
  const dataDir = resolve(flags["data-dir"] ?? join(process.env.HOME ?? ".", ".tezos-node"));
  const file = positional[0];
  if (!file) fail("snapshot export needs an output file", 2);
  if (existsSync(file)) fail(`Failed to export snapshot: the file ${file} already exists.`);
  if (!existsSync(join(dataDir, "context"))) fail(`No store found in ${dataDir}.`);
  const rpc = await rpcAddress(dataDir);
  const block = flags.block ?? "head";
  let header;
  try {
    const response = await fetch(`${rpc}/chains/main/blocks/${encodeURIComponent(block)}/header`);
    if (response.status === 404) fail(`Unknown block ${block} in the store of ${dataDir}.`);
    if (!response.ok) fail(`the node answered HTTP ${response.status} for block ${block}`);
    header = await response.json();
  } catch (error) {
    fail(`cannot read block ${block}: ${error.message}`);
  }
  const version = await fetch(`${rpc}/version`).then((r) => r.json());
  const rolling = Boolean(flags.rolling);
  const roots = rolling ? ["context"] : ["context", "store"];
  const files = [];
  for (const root of roots) for (const rel of await listFiles(join(dataDir, root))) files.push(`${root}/${rel}`);

  const snapshotHeader = {
    version: SNAPSHOT_VERSION,
    chain_name: version.network_version.chain_name,
    mode: rolling ? "rolling" : "full",
    block_hash: header.hash,
    level: header.level,
    timestamp: header.timestamp,
  };
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  const write = (chunk) =>
    new Promise((ok, ko) => {
      hash.update(chunk);
      out.write(chunk, (error) => (error ? ko(error) : ok()));
    });
  const slow = Number(process.env.OCTEZ_SIM_SLOW_MS ?? 0);
  await write(Buffer.from(`${MAGIC}\n${JSON.stringify({ snapshot_header: snapshotHeader })}\n`));
  for (const rel of files) {
    const size = (await stat(join(dataDir, rel))).size;
    await write(Buffer.from(`FILE ${size} ${rel}\n`));
    for await (const chunk of createReadStream(join(dataDir, rel))) await write(chunk);
    if (slow) await new Promise((r) => setTimeout(r, slow));
  }
  const digest = hash.digest("hex");
  await new Promise((ok, ko) => out.end(`END ${digest}\n`, (error) => (error ? ko(error) : ok())));
  process.stdout.write(`Successful export: ${file} (${files.length} files, block ${header.hash} at level ${header.level})\n`);
}

async function readHeader(file) {
  const handle = await open(file, "r").catch(() => fail(`cannot read snapshot file ${file}`));
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const [magic, json] = buffer.subarray(0, bytesRead).toString("utf8").split("\n");
    if (magic !== MAGIC || !json) fail(`${file} is not a valid snapshot file.`);
    return JSON.parse(json).snapshot_header;
  } finally {
    await handle.close();
  }
}

async function info(flags, positional) {
  const file = positional[0];
  if (!file) fail("snapshot info needs a file", 2);
  const header = await readHeader(file);
  if (flags.json) process.stdout.write(`${JSON.stringify({ snapshot_header: header })}\n`);
  else process.stdout.write(`chain ${header.chain_name}, block hash ${header.block_hash} at level ${header.level}, timestamp ${header.timestamp} in ${header.mode} (snapshot version ${header.version})\n`);
}

const CHAIN_NAMES = { mainnet: "TEZOS_MAINNET", ghostnet: "TEZOS_ITHACANET_2022-01-25T15:00:00Z" };

// As octez-node: the data dir's config.json says the network (mainnet when there is none), and a
// snapshot of another chain does not import.
async function configuredNetwork(dataDir) {
  try {
    const network = JSON.parse(await readFile(join(dataDir, "config.json"), "utf8")).network;
    return typeof network === "string" ? network : "mainnet";
  } catch {
    return "mainnet";
  }
}

// Streams the records back out, checking each size and the final digest.
async function importSnapshot(flags, positional) {
  const file = positional[0];
  if (!file) fail("snapshot import needs a file", 2);
  const dataDir = resolve(flags["data-dir"] ?? join(process.env.HOME ?? ".", ".tezos-node"));
  const header = await readHeader(file);
  if (flags.block && flags.block !== header.block_hash) fail(`The block contained in the file is ${header.block_hash} instead of ${flags.block}.`);
  const network = await configuredNetwork(dataDir);
  const expected = CHAIN_NAMES[network] ?? `TEZOS_${network.toUpperCase()}_2026-01-01T00:00:00Z`;
  if (header.chain_name !== expected) fail(`The snapshot is of chain ${header.chain_name}, but the node is configured for ${expected} (${network}).`);
  for (const sub of ["context", "store"]) {
    if ((await listFiles(join(dataDir, sub))).length > 0) fail(`the data directory ${dataDir} already contains a store; import needs an empty one.`);
  }
  const data = await readFile(file);
  const hash = createHash("sha256");
  let offset = 0;
  const line = () => {
    const end = data.indexOf(10, offset);
    if (end < 0) return undefined;
    const text = data.subarray(offset, end).toString("utf8");
    hash.update(data.subarray(offset, end + 1));
    offset = end + 1;
    return text;
  };
  const written = [];
  const abort = async (message) => {
    for (const sub of ["context", "store"]) await rm(join(dataDir, sub), { recursive: true, force: true });
    fail(message);
  };
  line();
  line();
  for (;;) {
    const start = offset;
    const end = data.indexOf(10, offset);
    if (end < 0) return abort(`${file} is truncated (no end marker).`);
    const text = data.subarray(start, end).toString("utf8");
    if (text.startsWith("END ")) {
      if (text.slice(4) !== hash.digest("hex")) return abort(`${file} is corrupted (checksum mismatch).`);
      break;
    }
    line();
    const match = /^FILE (\d+) (.+)$/.exec(text);
    if (!match || match[2].split("/").includes("..")) return abort(`${file} is corrupted (bad record).`);
    const size = Number(match[1]);
    if (offset + size > data.length) return abort(`${file} is truncated.`);
    const body = data.subarray(offset, offset + size);
    hash.update(body);
    offset += size;
    const target = join(dataDir, match[2]);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, body);
    written.push(match[2]);
  }
  await writeFile(join(dataDir, "version.json"), `${JSON.stringify({ version: "3.2" })}\n`);
  process.stdout.write(`Successful import of block ${header.block_hash} at level ${header.level} (${written.length} files) into ${dataDir}\n`);
}

const argv = process.argv.slice(2);
if (process.env.OCTEZ_SIM_LOG) await appendFile(process.env.OCTEZ_SIM_LOG, `${JSON.stringify(argv)}\n`);
if (argv[0] === "--version") {
  process.stdout.write("4a8bc52f (2025-11-12 10:00:00 +0000) (23.1)\n");
  process.exit(0);
}
if (argv[0] !== "snapshot" || !["export", "info", "import"].includes(argv[1] ?? "")) {
  fail(`unsupported command: octez-node ${argv.join(" ")} (the fake knows snapshot export|info|import)`, 2);
}
const sub = argv[1];
if ((process.env.OCTEZ_SIM_FAIL ?? "").split(",").includes(sub)) fail(`simulated failure of snapshot ${sub}`);
const { flags, positional } = parseArgs(argv.slice(2));
if (sub === "export") await exportSnapshot(flags, positional);
else if (sub === "info") await info(flags, positional);
else await importSnapshot(flags, positional);

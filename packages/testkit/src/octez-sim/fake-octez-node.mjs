#!/usr/bin/env node
// A fake `octez-node` for tests, demo and bench, on real files:
//   run            the node headless on a data dir: refuses a data dir another process holds (its
//                  lock), writes its pid into the lock file, and serves the RPCs chainops reads from
//                  the data dir's own store (/version, /config/history_mode, blocks/<id>/header,
//                  is_bootstrapped) until SIGINT or SIGTERM;
//   snapshot export|info|import
//                  export reads the block from the data dir's own store (head, head~N, a level or a
//                  hash among its last headers) and writes a snapshot file: a magic line, a JSON
//                  header line, a JSON line with the store's chain config and headers up to the
//                  block, the data dir's files as records, and a sha256 trailer; info reads the
//                  header; import rebuilds the files and a store whose head is the snapshot's block,
//                  and detects truncation or corruption.
// The store (see data-dir.ts): store/chain_<id>/config.json (history mode, genesis), current_head
// (32-byte block hash ‖ int32 level, as octez-node writes it) and floating/RW/blocks (the fake's
// headers, JSON lines).
// Test knobs (environment): OCTEZ_SIM_FAIL=run,export,info,import makes that command fail;
// OCTEZ_SIM_SLOW_MS=n sleeps n ms between files during export; OCTEZ_SIM_LOG=<file> appends argv
// as JSON; OCTEZ_SIM_VERSION=<major>.<minor> is the version it reports (default 23.1);
// OCTEZ_SIM_RUN_DELAY_MS=n makes run take n ms before it answers RPC.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { appendFile, mkdir, open, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join, relative, resolve, sep } from "node:path";

const MAGIC = "OCTEZ-SIM-SNAPSHOT v1";
const SNAPSHOT_VERSION = 9;
const [MAJOR, MINOR] = (process.env.OCTEZ_SIM_VERSION ?? "23.1").split(".").map(Number);
const COMMIT = { commit_hash: "4a8bc52f1e4b0a9a7c3d9e6f2b1a0c8d7e6f5a4b", commit_date: "2025-11-12 10:00:00 +0000" };
const CHAIN_NAMES = { mainnet: "TEZOS_MAINNET", ghostnet: "TEZOS_ITHACANET_2022-01-25T15:00:00Z" };

function fail(message, code = 1) {
  process.stderr.write(`octez-node: Error:\n  ${message}\n`);
  process.exit(code);
}

const FLAGS = new Set(["--rolling", "--json", "--no-check", "--force", "--no-bootstrap-peers", "--private-mode", "--singleprocess"]);

function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (FLAGS.has(arg)) flags[arg.slice(2)] = true;
    else if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s);
      const value = inline ?? argv[++i];
      if (value === undefined) fail(`option ${arg} needs a value`, 2);
      flags[name] = value;
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

// Base58Check, as Tezos encodes a block hash (prefix 0x01 0x34).
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BLOCK_PREFIX = Buffer.from([1, 52]);
const sha256 = (data) => createHash("sha256").update(data).digest();
function encodeBlockHash(raw) {
  const body = Buffer.concat([BLOCK_PREFIX, raw]);
  const bytes = Buffer.concat([body, sha256(sha256(body)).subarray(0, 4)]);
  let n = BigInt(`0x${bytes.toString("hex")}`);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return out;
}
function decodeBlockHash(text) {
  let n = 0n;
  for (const char of text) n = n * 58n + BigInt(ALPHABET.indexOf(char));
  return Buffer.from(n.toString(16).padStart(76, "0"), "hex").subarray(2, 34);
}

function dataDirOf(flags) {
  return resolve(flags["data-dir"] ?? join(process.env.HOME ?? ".", ".tezos-node"));
}

async function readJsonFile(path) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch {
    return undefined;
  }
}

// As octez-node: the config file (--config-file, else <data-dir>/config.json) names the network; none is mainnet.
async function nodeConfig(flags, dataDir) {
  return (await readJsonFile(flags["config-file"] ?? join(dataDir, "config.json"))) ?? {};
}

function chainNameOf(network) {
  if (network === undefined) return CHAIN_NAMES.mainnet;
  if (typeof network === "object" && network) return network.chain_name ?? "TEZOS_CUSTOM";
  return CHAIN_NAMES[network] ?? `TEZOS_${String(network).toUpperCase()}_2026-01-01T00:00:00Z`;
}

function historyModeName(value) {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") return Object.keys(value)[0];
  return undefined;
}

/** The store's chain dir, chain config, head and stored headers. */
async function readStore(dataDir) {
  const storeDir = join(dataDir, "store");
  const chains = (await readdir(storeDir).catch(() => [])).filter((name) => name.startsWith("chain_"));
  if (chains.length === 0) fail(`No store found in ${dataDir}.`);
  const chainDir = join(storeDir, chains[0]);
  const chainConfig = await readJsonFile(join(chainDir, "config.json"));
  let descriptor;
  try {
    descriptor = await readFile(join(chainDir, "current_head"));
  } catch {
    fail(`The store of ${dataDir} has no current_head.`);
  }
  const head = { hash: encodeBlockHash(descriptor.subarray(0, 32)), level: descriptor.readInt32BE(32) };
  const headers = (await readFile(join(chainDir, "floating", "RW", "blocks"), "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { chainDir, chainConfig, head, headers };
}

/** head, head~N, a level or a hash → one of the store's headers, or undefined. */
function findHeader(store, id) {
  const relativeId = /^head(?:~(\d+))?$/.exec(id);
  const level = relativeId ? store.head.level - Number(relativeId[1] ?? 0) : /^\d+$/.test(id) ? Number(id) : undefined;
  if (level !== undefined) return level <= store.head.level ? store.headers.find((h) => h.level === level) : undefined;
  const found = store.headers.find((h) => h.hash === id);
  return found && found.level <= store.head.level ? found : undefined;
}

// The kernel lock on <data-dir>/lock, as /proc/locks lists it (dev major:minor in hex, inode).
async function lockedByAnother(dataDir) {
  let info;
  try {
    info = await stat(join(dataDir, "lock"), { bigint: true });
  } catch {
    return false;
  }
  const major = Number(((info.dev >> 8n) & 0xfffn) | ((info.dev >> 32n) & ~0xfffn));
  const minor = Number((info.dev & 0xffn) | ((info.dev >> 12n) & ~0xffn));
  const locks = await readFile("/proc/locks", "utf8").catch(() => "");
  return locks.split("\n").some((line) => {
    const m = /^\d+:\s+\S+\s+\S+\s+\S+\s+-?\d+\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/i.exec(line);
    return m && Number.parseInt(m[1], 16) === major && Number.parseInt(m[2], 16) === minor && BigInt(m[3]) === info.ino;
  });
}

async function runNode(flags) {
  const dataDir = dataDirOf(flags);
  if (!existsSync(join(dataDir, "version.json"))) fail(`Invalid data directory '${dataDir}': no version.json.`);
  // Lwt_lock_file: the file is opened with O_TRUNC before the lock is tried, then the pid is written.
  if (await lockedByAnother(dataDir)) {
    await writeFile(join(dataDir, "lock"), "");
    fail("Data directory is locked by another process");
  }
  await writeFile(join(dataDir, "lock"), String(process.pid));
  const config = await nodeConfig(flags, dataDir);
  const store = await readStore(dataDir);
  const storeMode = historyModeName(store.chainConfig?.history_mode);
  const configMode = historyModeName(config.shell?.history_mode);
  if (configMode && storeMode && configMode !== storeMode) fail(`Cannot switch from history mode ${storeMode} to ${configMode}.`);
  if (!existsSync(join(dataDir, "identity.json"))) {
    await writeFile(join(dataDir, "identity.json"), `${JSON.stringify({ peer_id: `idFake${process.pid}`, proof_of_work_stamp: "00" })}\n`);
  }
  const rpcAddr = flags["rpc-addr"];
  if (!rpcAddr) fail("the fake runs only with --rpc-addr", 2);
  const [host, port] = [rpcAddr.slice(0, rpcAddr.lastIndexOf(":")), Number(rpcAddr.slice(rpcAddr.lastIndexOf(":") + 1))];
  const version = {
    version: { major: MAJOR, minor: MINOR, build: 0, additional_info: "release" },
    network_version: { chain_name: chainNameOf(config.network), distributed_db_version: 2, p2p_version: 1 },
    commit_info: COMMIT,
  };
  const send = (res, status, body) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
    res.end(text);
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://node").pathname;
    if (path === "/version") return send(res, 200, version);
    if (path === "/config/history_mode") {
      const raw = store.chainConfig?.history_mode ?? "archive";
      return send(res, 200, typeof raw === "string" ? { history_mode: raw } : { history_mode: raw, blocks_preservation_cycles: 1 });
    }
    if (path === "/chains/main/is_bootstrapped") return send(res, 200, { bootstrapped: false, sync_state: "unsynced" });
    const header = /^\/chains\/main\/blocks\/([^/]+)\/header$/.exec(path);
    if (header) {
      const found = findHeader(store, decodeURIComponent(header[1]));
      return found ? send(res, 200, found) : send(res, 404, "Not found");
    }
    return send(res, 404, "Not found");
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const delay = Number(process.env.OCTEZ_SIM_RUN_DELAY_MS ?? 0);
  if (delay) await new Promise((r) => setTimeout(r, delay));
  server.listen(port, host, () => process.stdout.write(`The Tezos node is now running (RPC on ${rpcAddr}, head ${store.head.hash} at level ${store.head.level})\n`));
}

async function exportSnapshot(flags, positional) {
  const dataDir = dataDirOf(flags);
  const file = positional[0];
  if (!file) fail("snapshot export needs an output file", 2);
  if (existsSync(file)) fail(`Failed to export snapshot: the file ${file} already exists.`);
  if (!existsSync(join(dataDir, "context"))) fail(`No store found in ${dataDir}.`);
  const store = await readStore(dataDir);
  const block = flags.block ?? "head";
  const header = findHeader(store, block);
  if (!header) fail(`Unknown block ${block} in the store of ${dataDir}.`);
  const config = await nodeConfig(flags, dataDir);
  const rolling = Boolean(flags.rolling);
  const roots = rolling ? ["context"] : ["context", "store"];
  const files = [];
  for (const root of roots) for (const rel of await listFiles(join(dataDir, root))) files.push(`${root}/${rel}`);

  const snapshotHeader = {
    version: SNAPSHOT_VERSION,
    chain_name: chainNameOf(config.network),
    mode: rolling ? "rolling" : "full",
    block_hash: header.hash,
    level: header.level,
    timestamp: header.timestamp,
  };
  const storeData = {
    chain_dir: relative(dataDir, store.chainDir).split(sep).join("/"),
    genesis: store.chainConfig?.genesis,
    headers: store.headers.filter((h) => h.level <= header.level),
  };
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  const write = (chunk) =>
    new Promise((ok, ko) => {
      hash.update(chunk);
      out.write(chunk, (error) => (error ? ko(error) : ok()));
    });
  const slow = Number(process.env.OCTEZ_SIM_SLOW_MS ?? 0);
  await write(Buffer.from(`${MAGIC}\n${JSON.stringify({ snapshot_header: snapshotHeader })}\n${JSON.stringify(storeData)}\n`));
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

// Streams the records back out, checking each size and the final digest. As octez-node: the data
// dir's config.json says the network (mainnet when there is none), a snapshot of another chain
// does not import, and import writes the config file it used into the data dir.
async function importSnapshot(flags, positional) {
  const file = positional[0];
  if (!file) fail("snapshot import needs a file", 2);
  const dataDir = dataDirOf(flags);
  const header = await readHeader(file);
  if (flags.block && flags.block !== header.block_hash) fail(`The block contained in the file is ${header.block_hash} instead of ${flags.block}.`);
  const config = await nodeConfig(flags, dataDir);
  const expected = chainNameOf(config.network);
  if (header.chain_name !== expected) fail(`The snapshot is of chain ${header.chain_name}, but the node is configured for ${expected}.`);
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
  const storeData = JSON.parse(line() ?? "{}");
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
  // The imported store: its head is the snapshot's block, its history mode the snapshot's.
  const chainDir = join(dataDir, storeData.chain_dir ?? "store/chain_unknown");
  await mkdir(join(chainDir, "floating", "RW"), { recursive: true });
  const mode = historyModeName(header.mode) ?? "rolling";
  await writeFile(join(chainDir, "config.json"), `${JSON.stringify({ history_mode: { [mode]: { additional_cycles: 1 } }, genesis: storeData.genesis })}\n`);
  const descriptor = Buffer.alloc(36);
  decodeBlockHash(header.block_hash).copy(descriptor, 0);
  descriptor.writeInt32BE(header.level, 32);
  await writeFile(join(chainDir, "current_head"), descriptor);
  await writeFile(join(chainDir, "floating", "RW", "blocks"), (storeData.headers ?? []).map((h) => `${JSON.stringify(h)}\n`).join(""));
  await writeFile(join(dataDir, "version.json"), `${JSON.stringify({ version: "3.2" })}\n`);
  await writeFile(flags["config-file"] ?? join(dataDir, "config.json"), `${JSON.stringify(config.network === undefined ? {} : { network: config.network })}\n`);
  process.stdout.write(`Successful import of block ${header.block_hash} at level ${header.level} (${written.length} files) into ${dataDir}\n`);
}

const argv = process.argv.slice(2);
if (process.env.OCTEZ_SIM_LOG) await appendFile(process.env.OCTEZ_SIM_LOG, `${JSON.stringify(argv)}\n`);
if (argv[0] === "--version") {
  process.stdout.write(`4a8bc52f (2025-11-12 10:00:00 +0000) (${MAJOR}.${MINOR})\n`);
  process.exit(0);
}
const failing = (process.env.OCTEZ_SIM_FAIL ?? "").split(",");
if (argv[0] === "run") {
  if (failing.includes("run")) fail("simulated failure of run");
  await runNode(parseArgs(argv.slice(1)).flags);
} else {
  if (argv[0] !== "snapshot" || !["export", "info", "import"].includes(argv[1] ?? "")) {
    fail(`unsupported command: octez-node ${argv.join(" ")} (the fake knows run and snapshot export|info|import)`, 2);
  }
  const sub = argv[1];
  if (failing.includes(sub)) fail(`simulated failure of snapshot ${sub}`);
  const { flags, positional } = parseArgs(argv.slice(2));
  if (sub === "export") await exportSnapshot(flags, positional);
  else if (sub === "info") await info(flags, positional);
  else await importSnapshot(flags, positional);
}

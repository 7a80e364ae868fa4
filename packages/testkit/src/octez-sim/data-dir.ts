import { spawn } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { chmod, copyFile, mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { systemClock } from "@chainops/shared";
import { findDataDirLockHolder } from "@chainops/shared/chains/octez";
import { base58decode } from "./base58check";
import { OctezSimChain } from "./chain";

export interface OctezDataDirOptions {
  /** Total bytes of the context and store files (default 4 MiB). */
  size?: number;
  network?: string;
  historyMode?: "rolling" | "archive" | "full";
  /** host:port of the node's RPC (the simulator's listenAddr); goes into config.json. */
  rpcListenAddr?: string;
  /** Also create a lost+found directory, as a fresh ext4 volume has. */
  lostAndFound?: boolean;
  /** The chain whose blocks the store holds (default: `network`'s simulated chain on the system clock). */
  chain?: OctezSimChain;
  /** Level of the store's head (default: the chain's head now). */
  headLevel?: number;
}

export interface OctezDataDir {
  path: string;
  /** Files that must never leave the runner (node identity, peer list, lock). */
  privateFiles: string[];
  /** Every file written, relative to path. */
  files: string[];
  size: number;
  /** The store's chain directory, relative to path: store/chain_<chain id, 13 characters>. */
  chainDir: string;
  /** The store's head. */
  head: { level: number; hash: string };
}

const BLOCK = 1 << 20;

/** Headers the fake store keeps below its head (the fake octez-node serves and exports only these). */
export const STORED_HEADERS = 16;

/**
 * Writes an octez-node data directory: identity.json, peers.json, lock (a stale one: no process
 * holds it), config.json, version.json, and context/ and store/ files of `size` bytes in total
 * (half random, half repetitive, so lz4 has work to do but cannot shrink it to nothing). The store
 * knows its own head as octez-node's does: store/chain_<id>/config.json (history mode, genesis),
 * current_head (block hash ‖ int32 level, binary) and the last headers, which the fake keeps as
 * JSON lines in floating/RW/blocks (real ones are binary block records).
 */
export async function createOctezDataDir(path: string, options: OctezDataDirOptions = {}): Promise<OctezDataDir> {
  const size = options.size ?? 4 * BLOCK;
  const network = options.network ?? "mainnet";
  const chain = options.chain ?? new OctezSimChain({ clock: systemClock, network });
  const historyMode = options.historyMode ?? "rolling";
  const files: string[] = [];
  const write = async (rel: string, body: string | Buffer) => {
    await mkdir(join(path, rel, ".."), { recursive: true });
    await writeFile(join(path, rel), body);
    files.push(rel);
  };
  await mkdir(path, { recursive: true });
  await write("identity.json", `${JSON.stringify({
    peer_id: "idrzvRh9Ub4PmYLqu6PxeE9n4Wrsmv",
    public_key: "d9ac4a2c5df3d67b5a8fbbd7f5c94c4e5e49b0c4c0a5c3f7a8b1a9d7f2e1c0b9",
    secret_key: "SIMULATED-SECRET-do-not-publish-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    proof_of_work_stamp: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071",
  }, null, 2)}\n`);
  await write("peers.json", `${JSON.stringify([{ addr: "::ffff:203.0.113.7", port: 9732, trusted: false, greylisted_until: null }])}\n`);
  await write("lock", `${process.pid}\n`);
  await write("config.json", `${JSON.stringify({
    "data-dir": path,
    network: networkConfig(network, chain),
    rpc: { "listen-addrs": [options.rpcListenAddr ?? "127.0.0.1:8732"] },
    shell: { history_mode: historyMode },
  }, null, 2)}\n`);
  await write("version.json", `${JSON.stringify({ version: "3.2" })}\n`);
  if (options.lostAndFound) await mkdir(join(path, "lost+found"), { recursive: true });

  // Bulk: most bytes in the context pack, the rest spread over store files.
  const layout: Array<[string, number]> = [];
  const contextBytes = Math.floor(size * 0.7);
  layout.push(["context/store.pack", contextBytes]);
  layout.push(["context/index/data", Math.floor(size * 0.05)]);
  const storeBytes = size - contextBytes - Math.floor(size * 0.05);
  const cemented = 4;
  const chainDir = chainDirOf(chain);
  for (let i = 0; i < cemented; i++) {
    layout.push([`${chainDir}/cemented/${String(i * 8192).padStart(7, "0")}_${String(i * 8192 + 8191).padStart(7, "0")}`, Math.floor(storeBytes / (cemented + 1))]);
  }
  layout.push([`${chainDir}/floating/RO/blocks`, storeBytes - cemented * Math.floor(storeBytes / (cemented + 1))]);
  let counter = 0;
  const random = Buffer.allocUnsafe(BLOCK);
  const text = repetitiveBlock();
  for (const [rel, bytes] of layout) {
    await mkdir(join(path, rel, ".."), { recursive: true });
    const handle = await open(join(path, rel), "w");
    try {
      for (let written = 0; written < bytes; ) {
        const length = Math.min(BLOCK, bytes - written);
        const block = counter++ % 2 === 0 ? randomFillSync(random) : text;
        await handle.write(block, 0, length);
        written += length;
      }
    } finally {
      await handle.close();
    }
    files.push(rel);
  }
  const genesis = chain.block(0);
  await write(`${chainDir}/config.json`, `${JSON.stringify({
    history_mode: historyMode === "archive" ? "archive" : { [historyMode]: { additional_cycles: 1 } },
    genesis: { timestamp: genesis.timestamp, block: genesis.hash, protocol: chain.protocol },
  })}\n`);
  const head = await writeOctezStoreHead(path, chain, options.headLevel ?? chain.headLevel());
  files.push(`${chainDir}/current_head`, `${chainDir}/floating/RW/blocks`);
  return { path, privateFiles: ["identity.json", "peers.json", "lock"], files, size, chainDir, head };
}

/** config.json's network: a name octez-node knows, else the custom network's definition (rpc-openapi.json's "Custom"). */
function networkConfig(network: string, chain: OctezSimChain): unknown {
  if (["mainnet", "ghostnet", "shadownet"].includes(network)) return network;
  const genesis = chain.block(0);
  return { genesis: { timestamp: genesis.timestamp, block: genesis.hash, protocol: chain.protocol }, chain_name: chain.chainName, sandboxed_chain_name: "SANDBOXED_TEZOS" };
}

/** store/chain_<first 13 characters of the chain id>, as octez-node names it. */
export function chainDirOf(chain: OctezSimChain): string {
  return `store/chain_${chain.chainId.slice(0, 13)}`;
}

/**
 * Moves the store's head to `level` of `chain` (a node that validated up to there, or a fresh
 * copy of the live node's data dir): current_head and the headers below it.
 */
export async function writeOctezStoreHead(path: string, chain: OctezSimChain, level: number): Promise<{ level: number; hash: string }> {
  const chainDir = join(path, chainDirOf(chain));
  const head = chain.block(level);
  const descriptor = Buffer.alloc(36);
  base58decode(head.hash, 2).copy(descriptor, 0);
  descriptor.writeInt32BE(level, 32);
  await mkdir(join(chainDir, "floating", "RW"), { recursive: true });
  await writeFile(join(chainDir, "current_head"), descriptor);
  const headers: string[] = [];
  for (let l = Math.max(0, level - STORED_HEADERS + 1); l <= level; l++) headers.push(JSON.stringify(chain.header(chain.block(l))));
  await writeFile(join(chainDir, "floating", "RW", "blocks"), `${headers.join("\n")}\n`);
  return { level, hash: head.hash };
}

/**
 * A process holding the kernel lock on `<dataDir>/lock`, as a running octez-node does (here
 * util-linux flock; octez-node uses lockf, which /proc/locks lists the same way), with its pid in
 * the file. release() ends it.
 */
export async function holdDataDirLock(dataDir: string, flock: string): Promise<{ pid: number; release(): Promise<void> }> {
  const lockFile = join(dataDir, "lock");
  const child = spawn(flock, ["--nonblock", lockFile, "sleep", "86400"], { stdio: "ignore", detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid!;
  for (let i = 0; i < 200 && !(await findDataDirLockHolder(dataDir)); i++) await sleep(25);
  await writeFile(lockFile, String(pid));
  if ((await findDataDirLockHolder(dataDir))?.pid !== pid) throw new Error(`flock did not take the lock on ${lockFile}`);
  return {
    pid,
    async release() {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}

function repetitiveBlock(): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < BLOCK; i++) {
    const line = `{"level":${8_000_000 + i},"round":0,"ops":${(i * 7) % 131},"context":"CoV${(i * 2654435761 >>> 0).toString(36)}"}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join("")).subarray(0, BLOCK);
}

/** Path of the fake octez-node script shipped in testkit. */
export const fakeOctezNodeScript = fileURLToPath(new URL("./fake-octez-node.mjs", import.meta.url));

/** Copies the fake octez-node into binDir as an executable `octez-node`; returns its path. */
export async function installFakeOctezNode(binDir: string): Promise<string> {
  await mkdir(binDir, { recursive: true });
  const target = join(binDir, "octez-node");
  await copyFile(fakeOctezNodeScript, target);
  await chmod(target, 0o755);
  return target;
}

import { randomFillSync } from "node:crypto";
import { chmod, copyFile, mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface OctezDataDirOptions {
  /** Total bytes of the context and store files (default 4 MiB). */
  size?: number;
  network?: string;
  historyMode?: "rolling" | "archive" | "full";
  /** host:port of the node's RPC (the simulator's listenAddr); goes into config.json. */
  rpcListenAddr?: string;
  /** Also create a lost+found directory, as a fresh ext4 volume has. */
  lostAndFound?: boolean;
}

export interface OctezDataDir {
  path: string;
  /** Files that must never leave the runner (node identity, peer list, lock). */
  privateFiles: string[];
  /** Every file written, relative to path. */
  files: string[];
  size: number;
}

const BLOCK = 1 << 20;

/**
 * Writes an octez-node data directory: identity.json, peers.json, lock, config.json, version.json,
 * and context/ and store/ files of `size` bytes in total (half random, half repetitive, so lz4 has
 * work to do but cannot shrink it to nothing).
 */
export async function createOctezDataDir(path: string, options: OctezDataDirOptions = {}): Promise<OctezDataDir> {
  const size = options.size ?? 4 * BLOCK;
  const network = options.network ?? "mainnet";
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
    network,
    rpc: { "listen-addrs": [options.rpcListenAddr ?? "127.0.0.1:8732"] },
    shell: { history_mode: options.historyMode ?? "rolling" },
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
  for (let i = 0; i < cemented; i++) {
    layout.push([`store/chain_NetXdQprcVkpa/cemented/${String(i * 8192).padStart(7, "0")}_${String(i * 8192 + 8191).padStart(7, "0")}`, Math.floor(storeBytes / (cemented + 1))]);
  }
  layout.push(["store/chain_NetXdQprcVkpa/floating/RO/blocks", storeBytes - cemented * Math.floor(storeBytes / (cemented + 1))]);
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
  return { path, privateFiles: ["identity.json", "peers.json", "lock"], files, size };
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

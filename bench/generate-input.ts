// Generates the bench input: a directory that is half random bytes (incompressible, like
// already-compressed chain data) and half repetitive text (like JSON/log/state files), in
// 1 MiB blocks that alternate inside each file. Reused between runs when the size matches.
import { randomFillSync } from "node:crypto";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const BLOCK = 1 << 20;
const BIG_FILE = 64 * BLOCK;
const SMALL_FILE = 16 * 1024;

/** A 1 MiB block of log-like lines: compresses well, but not to nothing. */
function repetitiveBlock(seed: number): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < BLOCK; i++) {
    const height = seed * 10_000 + i;
    const line = `{"height":${height},"cid":"bafy2bzace${(height * 2654435761 >>> 0).toString(36).padStart(8, "0")}","weight":${height * 7},"parents":${i % 5},"msg":"applied tipset"}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join("")).subarray(0, BLOCK);
}

async function writeFileOfSize(path: string, size: number, blocks: Buffer[], counter: { n: number }): Promise<void> {
  const handle = await open(path, "w");
  const random = Buffer.allocUnsafe(BLOCK);
  try {
    for (let written = 0; written < size; ) {
      const length = Math.min(BLOCK, size - written);
      const n = counter.n++;
      const block = n % 2 === 0 ? randomFillSync(random) : blocks[n % blocks.length]!;
      await handle.write(block, 0, length);
      written += length;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Makes (or reuses) `<baseDir>/input-<bytes>`: 1 % of the bytes as 16 KiB files across a few
 * subdirectories (tar's per-entry cost), the rest as 64 MiB files.
 */
export async function generateBenchInput(baseDir: string, size: number, log: (line: string) => void = console.log): Promise<string> {
  const dir = join(baseDir, `input-${size}`);
  const marker = `${dir}.complete`;
  const done = await readFile(marker, "utf8").catch(() => "");
  if (done.trim() === String(size)) {
    log(`reusing bench input ${dir}`);
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  log(`generating ${size} bytes of bench input in ${dir} …`);
  const blocks = Array.from({ length: 16 }, (_, i) => repetitiveBlock(i));
  const counter = { n: 0 };
  const smallBytes = Math.floor(size / 100 / SMALL_FILE) * SMALL_FILE;
  for (let i = 0; i * SMALL_FILE < smallBytes; i++) {
    const sub = join(dir, "state", String(i % 16).padStart(2, "0"));
    if (i < 16) await mkdir(sub, { recursive: true });
    await writeFileOfSize(join(sub, `obj-${i}.dat`), SMALL_FILE, blocks, counter);
  }
  await mkdir(join(dir, "chain"), { recursive: true });
  let remaining = size - smallBytes;
  for (let i = 0; remaining > 0; i++) {
    const length = Math.min(BIG_FILE, remaining);
    await writeFileOfSize(join(dir, "chain", `segment-${String(i).padStart(4, "0")}.bin`), length, blocks, counter);
    remaining -= length;
  }
  await writeFile(marker, String(size));
  return dir;
}

// Small inputs and checks shared by the stream tests.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** A few MB: random (incompressible) and repetitive files, nested, plus things to exclude. */
export function makeTree(root: string): void {
  const write = (path: string, data: Buffer | string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), data);
  };
  write("chain/segment-0.bin", randomBytes(1536 * 1024));
  write("chain/segment-1.bin", Buffer.alloc(1024 * 1024, "tipset 1234 applied\n"));
  write("state/nested/deep/value.json", JSON.stringify({ height: 4242, parents: ["bafy2bzace"] }));
  write("logs/node.log", "INFO sync complete\n".repeat(20_000));
  write("cache/tmp/junk.dat", randomBytes(256 * 1024));
  write("empty.txt", "");
}

/** Every regular file under dir (hidden ones too), relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** What the system tools say about a file: `sha256sum` and `stat -c %s`. */
export function systemChecksum(path: string): { sha256: string; size: number } {
  const sha256 = execFileSync("sha256sum", [path], { encoding: "utf8" }).split(/\s+/)[0]!;
  const size = Number(execFileSync("stat", ["-c", "%s", path], { encoding: "utf8" }).trim());
  return { sha256, size };
}

/** Decompresses with the system CLI (lz4 -d / zstd -d). */
export function systemDecompress(tool: "lz4" | "zstd", path: string): Buffer {
  return execFileSync(tool, ["-d", "-c", path], { maxBuffer: 64 << 20 });
}

/** `tar -t` of a tar stream held in memory. */
export function tarListing(tarBytes: Buffer): string[] {
  return execFileSync("tar", ["-tf", "-"], { input: tarBytes, encoding: "utf8", maxBuffer: 16 << 20 }).split("\n").filter(Boolean);
}

export function sha256Of(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Same files with the same bytes? (Directories compared by their file lists.) */
export function sameTree(a: string, b: string): boolean {
  const files = listFiles(a);
  if (files.join("\n") !== listFiles(b).join("\n")) return false;
  return files.every((file) => statSync(join(a, file)).size === statSync(join(b, file)).size && readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
}

/** An endless source that fires controller.abort() once `abortAfter` chunks have gone out. */
export async function* abortingSource(controller: AbortController, abortAfter: number, chunkSize = 256 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; ; i++) {
    if (i === abortAfter) controller.abort();
    yield Buffer.alloc(chunkSize, i % 251);
  }
}

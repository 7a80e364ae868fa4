import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { AbortedError, ConfigError, IntegrityError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { FileStore } from "@chainops/shared/storage";
import { compressAndUpload, downloadAndVerify } from "@chainops/shared/stream";
import { describeWithTools } from "@chainops/testkit";
import { abortingSource, listFiles, makeTree, sameTree } from "./stream-fixtures";

let work: string;
let store: FileStore;
let logger: RecordingLogger;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "chainops-download-"));
  store = new FileStore(join(work, "bucket"));
  logger = new RecordingLogger();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Flips one byte in the middle of a stored object, as a bad disk or a bad transfer would. */
function corrupt(key: string): void {
  const path = join(work, "bucket", key);
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(path, bytes);
}

describeWithTools(["tar", "lz4", "zstd"], "downloadAndVerify", () => {
  it("round-trips a directory through tar | zstd and back with tar -x", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const up = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "zstd", threads: 1 }, store, key: "d.tar.zst", logger });
    const restored = join(work, "restore", "datadir");
    const down = await downloadAndVerify({
      source: await store.get("d.tar.zst"),
      expectedSha256: up.sha256,
      expectedSize: up.size,
      decompression: "zstd",
      destination: { kind: "directory", path: restored },
      logger,
    });
    expect(down).toMatchObject({ sha256: up.sha256, size: up.size });
    expect(sameTree(dir, restored)).toBe(true);
  });

  it("round-trips a file through lz4, writing it under its final name only once verified", async () => {
    const input = join(work, "snapshot.car");
    writeFileSync(input, Buffer.alloc(3 << 20, "car block\n"));
    const up = await compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "lz4" }, store, key: "s.car.lz4", logger });
    const out = join(work, "out", "snapshot.car");
    await downloadAndVerify({ source: await store.get("s.car.lz4"), expectedSha256: up.sha256, decompression: "lz4", destination: { kind: "file", path: out }, logger });
    expect(readFileSync(out).equals(readFileSync(input))).toBe(true);
    expect(readdirSync(join(work, "out"))).toEqual(["snapshot.car"]);
  });

  it("a corrupted byte is an IntegrityError and leaves no partial directory (the one it created is removed)", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const up = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "d.tar.lz4", logger });
    corrupt("d.tar.lz4");
    const restored = join(work, "new-parent", "datadir");
    const download = downloadAndVerify({ source: await store.get("d.tar.lz4"), expectedSha256: up.sha256, expectedSize: up.size, decompression: "lz4", destination: { kind: "directory", path: restored }, logger });
    await expect(download).rejects.toBeInstanceOf(IntegrityError);
    expect(existsSync(join(work, "new-parent"))).toBe(false);
  });

  it("a sha256 mismatch on uncompressed data is an IntegrityError; an existing empty directory is emptied again", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const up = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "none" }, store, key: "d.tar", logger });
    const target = join(work, "mount");
    mkdirSync(target);
    const wrong = up.sha256.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const download = downloadAndVerify({ source: await store.get("d.tar"), expectedSha256: wrong, decompression: "none", destination: { kind: "directory", path: target }, logger });
    await expect(download).rejects.toBeInstanceOf(IntegrityError);
    await expect(download).rejects.toThrow(`sha256 ${up.sha256}, expected`);
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(target)).toEqual([]);
  });

  it("a corrupted file download leaves neither the file nor a temp file", async () => {
    const input = join(work, "in.bin");
    writeFileSync(input, Buffer.alloc(2 << 20, "z"));
    const up = await compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "zstd", threads: 1 }, store, key: "f.zst", logger });
    corrupt("f.zst");
    const outDir = join(work, "out");
    mkdirSync(outDir);
    await expect(
      downloadAndVerify({ source: await store.get("f.zst"), expectedSha256: up.sha256, decompression: "zstd", destination: { kind: "file", path: join(outDir, "f.bin") }, logger }),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it("a longer download than expected stops early with an IntegrityError", async () => {
    const data = Buffer.alloc(1 << 20, "a");
    const out = join(work, "x.bin");
    await expect(
      downloadAndVerify({ source: Readable.from([data]), expectedSha256: "0".repeat(64), expectedSize: 1000, decompression: "none", destination: { kind: "file", path: out }, logger }),
    ).rejects.toThrow(/longer than the expected 1000 bytes/);
    expect(listFiles(work)).toEqual([]);
  });

  it("a source that fails mid-way reports the source error, not a decompression error, and cleans up", async () => {
    const input = join(work, "in.bin");
    writeFileSync(input, Buffer.alloc(2 << 20, "k"));
    const up = await compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "lz4" }, store, key: "k.lz4", logger });
    const stored = readFileSync(join(work, "bucket", "k.lz4"));
    async function* flaky() {
      yield stored.subarray(0, 1000);
      throw new UpstreamError("connection reset by the bucket", { retryable: true });
    }
    const restored = join(work, "restore");
    await expect(
      downloadAndVerify({ source: Readable.from(flaky()), expectedSha256: up.sha256, decompression: "lz4", destination: { kind: "directory", path: restored }, logger }),
    ).rejects.toThrow("connection reset by the bucket");
    expect(existsSync(restored)).toBe(false);
  });

  it("an AbortSignal stops the download with AbortedError and removes what was written", async () => {
    const controller = new AbortController();
    const out = join(work, "dl", "big.bin");
    await expect(
      downloadAndVerify({ source: Readable.from(abortingSource(controller, 4)), expectedSha256: "0".repeat(64), decompression: "none", destination: { kind: "file", path: out }, logger, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(existsSync(join(work, "dl"))).toBe(false);
  });

  it("refuses a non-empty destination directory and a malformed sha256 before reading anything", async () => {
    const target = join(work, "busy");
    mkdirSync(target);
    writeFileSync(join(target, "keep.me"), "precious");
    const source = Readable.from([Buffer.from("x")]);
    await expect(downloadAndVerify({ source, expectedSha256: "0".repeat(64), decompression: "none", destination: { kind: "directory", path: target }, logger })).rejects.toThrow(
      /destination.*is not empty/,
    );
    expect(readFileSync(join(target, "keep.me"), "utf8")).toBe("precious");
    expect(source.destroyed).toBe(true);
    await expect(downloadAndVerify({ source, expectedSha256: "abc", decompression: "none", destination: { kind: "file", path: join(work, "f") }, logger })).rejects.toBeInstanceOf(ConfigError);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { AbortedError, ConfigError, IntegrityError, ManualClock, RecordingLogger } from "@chainops/shared";
import { ExecError } from "@chainops/shared/exec";
import { FileStore, type PutBody, type PutOptions } from "@chainops/shared/storage";
import { compressAndUpload, type TransferProgress } from "@chainops/shared/stream";
import { describeWithTools, fakeExecutables } from "@chainops/testkit";
import { abortingSource, listFiles, makeTree, sha256Of, systemChecksum, systemDecompress, tarListing } from "./stream-fixtures";

let work: string;
let storeRoot: string;
let store: FileStore;
let logger: RecordingLogger;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "chainops-stream-"));
  storeRoot = join(work, "bucket");
  store = new FileStore(storeRoot);
  logger = new RecordingLogger();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describeWithTools(["tar", "lz4", "zstd", "sha256sum"], "compressAndUpload", () => {
  it("file → lz4: the stored object decompresses with lz4 -d, and sha256/size equal sha256sum/stat", async () => {
    const input = join(work, "snapshot.car");
    makeTree(join(work, "tree"));
    writeFileSync(input, Buffer.concat([readFileSync(join(work, "tree/chain/segment-0.bin")), readFileSync(join(work, "tree/logs/node.log"))]));
    const result = await compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "lz4" }, store, key: "filecoin/snapshot.car.lz4", logger });

    const stored = join(storeRoot, "filecoin/snapshot.car.lz4");
    expect(systemChecksum(stored)).toEqual({ sha256: result.sha256, size: result.size });
    expect(systemDecompress("lz4", stored).equals(readFileSync(input))).toBe(true);
    expect(result.inputSize).toBe(readFileSync(input).length);
    expect(result.size).toBeLessThan(result.inputSize);
    expect(result.url).toBe(store.publicUrl("filecoin/snapshot.car.lz4"));
    expect(result.info.size).toBe(result.size);
    expect(logger.text()).toContain(`sha256 ${result.sha256}`);
  });

  it("directory → zstd: tar stream honours excludes (tar -t listing) and decompresses with zstd -d", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const result = await compressAndUpload({
      source: { kind: "directory", path: dir, exclude: ["cache/tmp", "*.log"] },
      compression: { kind: "zstd", level: 3, threads: 1 },
      store,
      key: "tezos/datadir.tar.zst",
      logger,
      contentType: "application/zstd",
      metadata: { network: "ghostnet" },
    });
    const stored = join(storeRoot, "tezos/datadir.tar.zst");
    expect(systemChecksum(stored)).toEqual({ sha256: result.sha256, size: result.size });
    const tarBytes = systemDecompress("zstd", stored);
    expect(result.inputSize).toBe(tarBytes.length);
    const listing = tarListing(tarBytes);
    expect(listing).toContain("./chain/segment-0.bin");
    expect(listing).toContain("./state/nested/deep/value.json");
    expect(listing).toContain("./empty.txt");
    expect(listing.filter((name) => name.includes("cache/tmp") || name.endsWith(".log"))).toEqual([]);
    const head = await store.head("tezos/datadir.tar.zst");
    expect(head?.contentType).toBe("application/zstd");
    expect(head?.metadata.network).toBe("ghostnet");
  });

  it("stream → zstd --fast and directory → none store exactly the bytes the CLIs produce", async () => {
    const data = Buffer.alloc(3 << 20, "block 77 finalized\n");
    const streamed = await compressAndUpload({
      source: { kind: "stream", stream: Readable.from(chunks(data, 64 * 1024)) },
      compression: { kind: "zstd", fast: true },
      store,
      key: "s.zst",
      logger,
    });
    expect(systemDecompress("zstd", join(storeRoot, "s.zst")).equals(data)).toBe(true);
    expect(streamed.inputSize).toBe(data.length);
    expect(sha256Of(readFileSync(join(storeRoot, "s.zst")))).toBe(streamed.sha256);

    const dir = join(work, "plain");
    makeTree(dir);
    const plain = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "none" }, store, key: "plain.tar", logger });
    const tarBytes = readFileSync(join(storeRoot, "plain.tar"));
    expect(plain.size).toBe(tarBytes.length);
    expect(plain.inputSize).toBe(tarBytes.length);
    expect(tarListing(tarBytes)).toContain("./logs/node.log");
  });

  it("logs progress lines with bytes, MB/s and ETA on the injected clock", async () => {
    const clock = new ManualClock(0);
    const data = Buffer.alloc(4 << 20, "x");
    async function* slowly() {
      for (const chunk of chunks(data, 1 << 20)) {
        clock.advance(3000);
        yield chunk;
      }
    }
    await compressAndUpload({
      source: { kind: "stream", stream: Readable.from(slowly()), size: data.length },
      compression: { kind: "lz4" },
      store,
      key: "progress.lz4",
      logger,
      clock,
      progressIntervalMs: 5000,
      label: "demo snapshot",
    });
    const lines = logger.messages("info").filter((line) => line.includes("MB/s") && line.includes("ETA"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^demo snapshot: .* of 4 MiB \(\d+%\), .* stored, [\d.]+ MB\/s, ETA \d/);
  });

  it("reports live progress to onProgress instead of lines", async () => {
    const clock = new ManualClock(0);
    const samples: TransferProgress[] = [];
    const data = Buffer.alloc(2 << 20, "y");
    async function* slowly() {
      for (const chunk of chunks(data, 256 * 1024)) {
        clock.advance(1000);
        yield chunk;
      }
    }
    await compressAndUpload({
      source: { kind: "stream", stream: Readable.from(slowly()) },
      compression: { kind: "lz4" },
      store,
      key: "bar.lz4",
      logger,
      clock,
      expectedInputSize: data.length,
      onProgress: (progress) => samples.push(progress),
    });
    expect(samples.length).toBeGreaterThan(1);
    const last = samples[samples.length - 1]!;
    expect(last.sourceTotal).toBe(data.length);
    expect(last.sourceBytes).toBeGreaterThan(0);
    expect(last.bytesPerSecond).toBeGreaterThan(0);
    expect(logger.messages("info").some((line) => line.includes("MB/s") && line.includes("ETA"))).toBe(false);
  });

  it("an AbortSignal mid-stream stops everything and leaves nothing under the key", async () => {
    const controller = new AbortController();
    const upload = compressAndUpload({
      source: { kind: "stream", stream: Readable.from(abortingSource(controller, 8)) },
      compression: { kind: "lz4" },
      store,
      key: "aborted.lz4",
      logger,
      signal: controller.signal,
    });
    await expect(upload).rejects.toBeInstanceOf(AbortedError);
    expect(await store.head("aborted.lz4")).toBeNull();
    expect(listFiles(storeRoot)).toEqual([]);
  });

  it("an abort during a directory upload kills tar and the compressor and stores nothing", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const controller = new AbortController();
    const upload = compressAndUpload({
      source: { kind: "directory", path: dir },
      compression: { kind: "lz4" },
      store,
      key: "dir.tar.lz4",
      logger,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(upload).rejects.toThrow(/cancelled/);
    expect(listFiles(storeRoot)).toEqual([]);
  });

  it("a compressor that dies fails with an ExecError naming it and stores nothing (not the tar broken pipe)", async () => {
    const fakes = fakeExecutables({ lz4: { stdout: "partial-frame", stderr: "Error 12 : out of memory\n", exitCode: 1 } });
    try {
      const dir = join(work, "datadir");
      makeTree(dir);
      const upload = compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "dead.tar.lz4", logger, pathEnv: fakes.pathEnv() });
      const error = await upload.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ExecError);
      expect((error as ExecError).command).toBe(fakes.path("lz4"));
      expect((error as ExecError).exitCode).toBe(1);
      expect((error as ExecError).stderrTail).toContain("Error 12 : out of memory");
      expect((error as ExecError).hint).toContain("nothing was stored");
      expect(await store.head("dead.tar.lz4")).toBeNull();
      expect(listFiles(storeRoot)).toEqual([]);
    } finally {
      fakes.remove();
    }
  });

  it("a tar that fails half-way fails with an ExecError naming tar and stores nothing", async () => {
    const fakes = fakeExecutables({
      tar: {
        script: (argv: string[]) => {
          if (argv[0] === "--version") return "tar (GNU tar) 1.34\n";
          process.stdout.write("x".repeat(100_000));
          process.stderr.write("tar: ./chain/segment-1.bin: Cannot open: Permission denied\n");
          return 2;
        },
      },
    });
    try {
      const dir = join(work, "datadir");
      makeTree(dir);
      const error = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "t.tar.lz4", logger, bin: { tar: fakes.path("tar") } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExecError);
      expect((error as ExecError).command).toBe(fakes.path("tar"));
      expect((error as ExecError).message).toContain("Cannot open: Permission denied");
      expect(listFiles(storeRoot)).toEqual([]);
    } finally {
      fakes.remove();
    }
  });

  it("a missing lz4 or zstd binary is a ConfigError that says how to install it, and nothing is written", async () => {
    const input = join(work, "a.bin");
    writeFileSync(input, "data");
    const emptyPath = join(work, "empty-path");
    mkdirSync(emptyPath);
    const noLz4 = compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "lz4" }, store, key: "a.lz4", logger, pathEnv: emptyPath });
    await expect(noLz4).rejects.toBeInstanceOf(ConfigError);
    await expect(noLz4).rejects.toThrow(/lz4 binary.*lz4 was not found on PATH/);
    await expect(noLz4).rejects.toMatchObject({ hint: expect.stringContaining("apt-get install -y lz4") });
    const noZstd = compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "zstd" }, store, key: "a.zst", logger, bin: { zstd: join(work, "no/zstd") } });
    await expect(noZstd).rejects.toBeInstanceOf(ConfigError);
    await expect(noZstd).rejects.toThrow(/zstd binary/);
    expect(listFiles(work).filter((f) => f.startsWith("bucket"))).toEqual([]);
  });

  it("an unreadable or missing source is a ConfigError naming the source, and nothing is written", async () => {
    const missing = compressAndUpload({ source: { kind: "file", path: join(work, "nope.car") }, compression: { kind: "lz4" }, store, key: "x.lz4", logger });
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow(/source file.*nope\.car does not exist/);
    const notDir = join(work, "file.txt");
    writeFileSync(notDir, "x");
    await expect(compressAndUpload({ source: { kind: "directory", path: notDir }, compression: { kind: "lz4" }, store, key: "x.lz4", logger })).rejects.toThrow(/source directory.*is not a directory/);
    await expect(compressAndUpload({ source: { kind: "file", path: work }, compression: { kind: "none" }, store, key: "x", logger })).rejects.toThrow(/is not a regular file/);
    if (process.getuid?.() !== 0) {
      const locked = join(work, "locked.car");
      writeFileSync(locked, "secret");
      (await import("node:fs")).chmodSync(locked, 0o000);
      await expect(compressAndUpload({ source: { kind: "file", path: locked }, compression: { kind: "lz4" }, store, key: "x.lz4", logger })).rejects.toThrow(/not readable/);
    }
    await expect(compressAndUpload({ source: { kind: "file", path: notDir }, compression: { kind: "lz4", level: 40 }, store, key: "x.lz4", logger })).rejects.toThrow(/compression level \(lz4\)/);
    expect(listFiles(storeRoot)).toEqual([]);
  });

  it("sizes a directory before uploading, so multipart uploads get a fitting part size (sizeHint)", async () => {
    const dir = join(work, "datadir");
    makeTree(dir);
    const hints: (number | undefined)[] = [];
    const recording = new (class extends FileStore {
      override put(key: string, body: PutBody, options?: PutOptions) {
        hints.push(options?.sizeHint);
        return super.put(key, body, options);
      }
    })(storeRoot);
    const result = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store: recording, key: "d.tar.lz4", logger });
    expect(hints).toHaveLength(1);
    expect(hints[0]).toBeGreaterThanOrEqual(result.inputSize);
    expect(hints[0]).toBeLessThan(result.inputSize * 1.1);
  });

  it("a store that loses bytes is caught by the head() size check: IntegrityError and the object removed", async () => {
    const lossy = new TruncatingStore(storeRoot, 1000);
    const input = join(work, "in.bin");
    writeFileSync(input, Buffer.alloc(200_000, "q"));
    const upload = compressAndUpload({ source: { kind: "file", path: input }, compression: { kind: "none" }, store: lossy, key: "lossy.bin", logger });
    await expect(upload).rejects.toBeInstanceOf(IntegrityError);
    await expect(upload).rejects.toThrow(/store reports 1000 bytes.*sent 200000 bytes/);
    expect(await store.head("lossy.bin")).toBeNull();
  });
});

function* chunks(data: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

/** A broken backend: keeps only the first `keep` bytes and reports success. */
class TruncatingStore extends FileStore {
  constructor(root: string, private readonly keep: number) {
    super(root);
  }
  override async put(key: string, body: PutBody, options?: PutOptions) {
    const parts: Buffer[] = [];
    for await (const chunk of body as Readable) parts.push(chunk as Buffer);
    return super.put(key, Buffer.concat(parts).subarray(0, this.keep), options);
  }
}

// The pipes between the pipeline's stages (kernel-pipes.ts, start-producer.ts): enlarged kernel
// pipes when they can be had, Node's default stdio with one warning when not, the same bytes
// either way, and nothing left behind (no fd, no FIFO or temp dir, no object) by a failed,
// aborted or killed run.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, lstatSync, readSync, writeSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { AbortedError, RecordingLogger } from "@chainops/shared";
import { FileStore, type PutBody, type PutOptions } from "@chainops/shared/storage";
import { compressAndUpload, type CompressAndUploadOptions } from "@chainops/shared/stream";
import { closeFds, MIN_PIPE_BYTES, openEnlargedPipes, PIPE_BYTES } from "../src/stream/kernel-pipes";
import { SMALL_INPUT_BYTES } from "../src/stream/start-producer";
import { describeWithTools, fakeExecutables, type FakeExecutables } from "@chainops/testkit";
import { abortingSource, listFiles, makeTree, sha256Of, systemDecompress } from "./stream-fixtures";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let work: string;
let storeRoot: string;
let logger: RecordingLogger;
let fakes: FakeExecutables | undefined;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "chainops-pipes-"));
  storeRoot = join(work, "bucket");
  logger = new RecordingLogger();
});
afterEach(() => {
  fakes?.remove();
  fakes = undefined;
  rmSync(work, { recursive: true, force: true });
});

/**
 * A tree of ~11 MiB: above SMALL_INPUT_BYTES (smaller inputs keep Node's default pipes), and its
 * compressed tar is more than the pipes hold, so tar and lz4 are still running when put() starts.
 */
function makeBigTree(dir: string): void {
  makeTree(dir);
  writeFileSync(join(dir, "chain", "segment-2.bin"), randomBytes(6 << 20));
}

/** Our child processes by name (comm), from /proc. */
function children(): Map<string, number> {
  const pids = readdirSync("/proc/self/task").flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  return new Map(pids.map((pid) => [readFileSync(`/proc/${pid}/comm`, "utf8").trim(), pid]));
}

/** "pipe:[123]" or "socket:[456]": what a process has as one of its fds. */
function fdTarget(pid: number, fd: number): string {
  return readlinkSync(`/proc/${pid}/fd/${fd}`);
}

const openFdCount = () => readdirSync("/proc/self/fd").length;

/** Every FIFO under dir (a FIFO-based pipe would leave one behind if killed at the wrong moment). */
function fifosUnder(dir: string): string[] {
  return listFiles(dir).filter((file) => lstatSync(join(dir, file)).isFIFO());
}

/** A file:// store that records how tar and lz4 are wired when the upload starts (they are running then). */
class WiringStore extends FileStore {
  wiring: { tarOut: string; lz4In: string; lz4Out: string; lz4OutBytes?: number } | undefined;
  constructor(root: string, private readonly perl?: string) {
    super(root);
  }
  override put(key: string, body: PutBody, options?: PutOptions) {
    const running = children();
    const tar = running.get("tar")!;
    const lz4 = running.get("lz4")!;
    this.wiring = { tarOut: fdTarget(tar, 1), lz4In: fdTarget(lz4, 0), lz4Out: fdTarget(lz4, 1) };
    // F_GETPIPE_SZ (1032) on lz4's stdout: the buffer the kernel really gave the pipe.
    if (this.perl && this.wiring.lz4Out.startsWith("pipe:")) {
      const size = execFileSync(this.perl, ["-e", 'open(my $f, "<", $ARGV[0]) or die "$!\\n"; print fcntl($f, 1032, 0) + 0', `/proc/${lz4}/fd/1`], { encoding: "utf8" });
      this.wiring.lz4OutBytes = Number(size);
    }
    return super.put(key, body, options);
  }
}

describeWithTools(["tar", "lz4", "zstd", "perl"], "pipes between the stages", ({ perl, tar }) => {
  const tarStream = (dir: string) => execFileSync(tar!, ["-C", dir, "-cf", "-", "."], { maxBuffer: 64 << 20 });

  it("tar → lz4 → Node go through 1 MiB kernel pipes, lz4 writes 256 KiB blocks, and lz4 -d gives tar's bytes back exactly", async () => {
    const dir = join(work, "datadir");
    makeBigTree(dir);
    const store = new WiringStore(storeRoot, perl);
    const result = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "d.tar.lz4", logger });

    const { tarOut, lz4In, lz4Out, lz4OutBytes } = store.wiring!;
    expect(tarOut).toMatch(/^pipe:/);
    expect(lz4In).toBe(tarOut); // the same pipe: tar writes straight into lz4
    expect(lz4Out).toMatch(/^pipe:/);
    expect(lz4OutBytes).toBe(Math.min(PIPE_BYTES, Number(readFileSync("/proc/sys/fs/pipe-max-size", "utf8"))));
    expect(logger.messages("warning")).toEqual([]);

    const stored = readFileSync(join(storeRoot, "d.tar.lz4"));
    expect(sha256Of(stored)).toBe(result.sha256);
    // LZ4 frame: magic, FLG, then BD whose bits 6–4 are the block size id (5 = 256 KiB).
    expect(stored.readUInt32LE(0)).toBe(0x184d2204);
    expect((stored[5]! >> 4) & 7).toBe(5);
    expect(systemDecompress("lz4", join(storeRoot, "d.tar.lz4")).equals(tarStream(dir))).toBe(true);
  });

  it("file → zstd and stream → lz4 through the pipe decompress with zstd -d / lz4 -d byte-exact", async () => {
    const store = new FileStore(storeRoot);
    const car = join(work, "snapshot.car");
    writeFileSync(car, Buffer.concat([randomBytes(5 << 20), Buffer.alloc(5 << 20, "tipset 77\n")]));
    await compressAndUpload({ source: { kind: "file", path: car }, compression: { kind: "zstd", fast: true, threads: 0 }, store, key: "s.car.zst", logger });
    expect(systemDecompress("zstd", join(storeRoot, "s.car.zst")).equals(readFileSync(car))).toBe(true);

    const data = Buffer.concat([randomBytes(2 << 20), Buffer.alloc(2 << 20, "block\n")]);
    await compressAndUpload({ source: { kind: "stream", stream: Readable.from([data.subarray(0, 1 << 20), data.subarray(1 << 20)]) }, compression: { kind: "lz4" }, store, key: "s.lz4", logger });
    expect(systemDecompress("lz4", join(storeRoot, "s.lz4")).equals(data)).toBe(true);
    expect(logger.messages("warning")).toEqual([]);
  });

  it("when the pipes cannot be enlarged: one warning saying why, Node's sockets as before, and the very same object", async () => {
    const dir = join(work, "datadir");
    makeBigTree(dir);
    const enlarged = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store: new FileStore(join(work, "a")), key: "d.tar.lz4", logger });

    // A kernel that refuses F_SETPIPE_SZ (as for a user over fs.pipe-user-pages-soft), the way perl reports it.
    fakes = fakeExecutables({ perl: { stderr: "F_SETPIPE_SZ to 1048576 bytes failed: Operation not permitted\n", exitCode: 1 } });
    const store = new WiringStore(join(work, "b"));
    const fallback = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "d.tar.lz4", logger, bin: { perl: fakes.path("perl") } });
    expect(store.wiring).toMatchObject({ tarOut: expect.stringMatching(/^socket:/), lz4Out: expect.stringMatching(/^socket:/) });
    expect(store.wiring!.lz4In).toMatch(/^socket:/);
    const warnings = logger.messages("warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^d\.tar\.lz4: F_SETPIPE_SZ to 1048576 bytes failed: Operation not permitted; using Node's default pipes instead, which makes this upload slower/);
    expect(fallback.sha256).toBe(enlarged.sha256);
    expect(fallback.size).toBe(enlarged.size);
    expect(systemDecompress("lz4", join(work, "b", "d.tar.lz4")).equals(tarStream(dir))).toBe(true);

    // No perl at all: the same fallback, and the warning names the fix.
    const noPerl = new RecordingLogger();
    const missing = await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store: new FileStore(join(work, "c")), key: "d.tar.lz4", logger: noPerl, bin: { perl: join(work, "no", "perl") } });
    expect(noPerl.messages("warning")).toEqual([expect.stringContaining("perl was not found at")]);
    expect(noPerl.messages("warning")[0]).toContain("apt-get install -y perl-base");
    expect(missing.sha256).toBe(enlarged.sha256);
  });

  it("a small input (known size under 8 MiB) keeps Node's default pipes: no perl started, no warning, the same bytes", async () => {
    fakes = fakeExecutables({ perl: { exitCode: 1 } });
    const dir = join(work, "small");
    makeTree(dir);
    const store = new WiringStore(storeRoot);
    await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "s.tar.lz4", logger, bin: { perl: fakes.path("perl") } });
    expect(fakes.calls("perl")).toEqual([]);
    expect(store.wiring!.lz4Out).toMatch(/^socket:/);
    expect(logger.messages("warning")).toEqual([]);
    expect(systemDecompress("lz4", join(storeRoot, "s.tar.lz4")).equals(tarStream(dir))).toBe(true);
  });

  it("a compressor that cannot be spawned after the pipes are made leaks no fd (directory: two pipes; file: one)", async () => {
    // Executable, so it passes the up-front check, but exec fails (ENOENT: no such interpreter).
    const lz4 = join(work, "lz4");
    writeFileSync(lz4, "#!/nonexistent/interpreter\n");
    chmodSync(lz4, 0o755);
    const dir = join(work, "datadir");
    makeBigTree(dir);
    const car = join(work, "a.car");
    writeFileSync(car, randomBytes(SMALL_INPUT_BYTES + 1));
    const store = new FileStore(storeRoot);
    const sources: CompressAndUploadOptions["source"][] = [{ kind: "directory", path: dir }, { kind: "file", path: car }];
    for (const source of sources) {
      const before = openFdCount();
      const upload = compressAndUpload({ source, compression: { kind: "lz4" }, store, key: "x.lz4", logger, bin: { lz4 } });
      await expect(upload).rejects.toThrow(`Cannot run ${lz4}: not found`);
      // Sockets close on a later turn of the event loop; a leaked pipe end never does.
      await vi.waitFor(() => expect(openFdCount()).toBe(before), { timeout: 10_000, interval: 20 });
    }
    expect(logger.messages("warning")).toEqual([]); // the pipes were made
    expect(listFiles(storeRoot)).toEqual([]);
  });

  it("a successful run and an aborted one leave no fd open and no FIFO behind", async () => {
    const dir = join(work, "datadir");
    makeBigTree(dir);
    const store = new FileStore(storeRoot);
    const before = openFdCount();
    await compressAndUpload({ source: { kind: "directory", path: dir }, compression: { kind: "lz4" }, store, key: "ok.tar.lz4", logger });
    await vi.waitFor(() => expect(openFdCount()).toBe(before), { timeout: 10_000, interval: 20 });

    const controller = new AbortController();
    const aborted = compressAndUpload({ source: { kind: "stream", stream: Readable.from(abortingSource(controller, 12)) }, compression: { kind: "lz4" }, store, key: "aborted.lz4", logger, signal: controller.signal });
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    await vi.waitFor(() => expect(openFdCount()).toBe(before), { timeout: 10_000, interval: 20 });
    expect(await store.head("aborted.lz4")).toBeNull();
    expect(listFiles(storeRoot).filter((f) => f.includes("aborted"))).toEqual([]);
    expect(fifosUnder(work)).toEqual([]);
  });

  it("kill -9 mid-upload: nothing under the key, no FIFO or temp dir left, and tar and lz4 exit", async () => {
    const dir = join(work, "datadir");
    makeBigTree(dir);
    const tmp = join(work, "tmp");
    mkdirSync(tmp);
    // Bundled like an action's dist, so no loader of its own (tsx keeps a temp dir) muddies TMPDIR.
    const script = join(work, "upload-until-killed.mjs");
    await build({
      entryPoints: [join(repoRoot, "packages/shared/test/fixtures/upload-until-killed.ts")],
      outfile: script,
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "warning",
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const child = spawn(process.execPath, [script, dir, storeRoot, "k/d.tar.lz4"], {
      cwd: work,
      env: { ...process.env, TMPDIR: tmp },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d));
    child.stderr!.on("data", (d: Buffer) => (output += d));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let pids: number[] = [];
    try {
      await vi.waitFor(() => expect(output, output).toContain('"uploading"'), { timeout: 60_000, interval: 100 });
      // Its children: the pipeline's stages, blocked on full pipes.
      pids = (JSON.parse(output.split("\n").find((line) => line.includes('"uploading"'))!) as { children: number[] }).children;
      expect(pids.map((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim()).sort()).toEqual(["lz4", "tar"]);
      process.kill(child.pid!, "SIGKILL");
      await exited;
      // With their reader gone, lz4 and then tar get EPIPE and end: no orphans hold the data dir.
      await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 30_000, interval: 100 });
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is gone already
      }
      await exited;
    }
    expect(await new FileStore(storeRoot).head("k/d.tar.lz4")).toBeNull();
    expect(listFiles(storeRoot).filter((f) => f === "k/d.tar.lz4")).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(fifosUnder(work)).toEqual([]);
  });
});

describeWithTools(["perl"], "openEnlargedPipes", ({ perl }) => {
  it("gives connected pipes of the size asked for, capped by pipe-max-size, with Node's read end non-blocking", async () => {
    const result = await openEnlargedPipes(["node", "child"], { perl, pipeMaxSize: 512 << 10 });
    if (!("pipes" in result)) throw new Error(result.unavailable);
    try {
      expect(result.pipes.map((pipe) => pipe.bytes)).toEqual([512 << 10, 512 << 10]);
      const flags = (fd: number) => Number.parseInt(/^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))![1]!, 8);
      const O_NONBLOCK = 0o4000;
      expect(flags(result.pipes[0]!.readFd) & O_NONBLOCK).toBe(O_NONBLOCK);
      expect(flags(result.pipes[1]!.readFd) & O_NONBLOCK).toBe(0);
      // 300 KiB goes in without a reader: more than a default 64 KiB pipe could take without blocking.
      const chunk = randomBytes(300 << 10);
      expect(writeSync(result.pipes[1]!.writeFd, chunk)).toBe(chunk.length);
      const back = Buffer.alloc(chunk.length);
      expect(readSync(result.pipes[1]!.readFd, back)).toBe(chunk.length);
      expect(back.equals(chunk)).toBe(true);
    } finally {
      closeFds(result.pipes.flatMap((pipe) => [pipe.readFd, pipe.writeFd]));
    }
  });

  it("says why when pipes cannot be enlarged: a kernel limit below one lz4 block, another OS, a missing perl", async () => {
    await expect(openEnlargedPipes(["node"], { perl, pipeMaxSize: 65536 })).resolves.toEqual({
      unavailable: expect.stringMatching(/at most 65536 bytes \(\/proc\/sys\/fs\/pipe-max-size\); raise it with sysctl fs\.pipe-max-size=1048576/),
    });
    expect(MIN_PIPE_BYTES).toBeGreaterThan(65536);
    await expect(openEnlargedPipes(["node"], { perl, platform: "darwin" })).resolves.toEqual({ unavailable: expect.stringContaining("need Linux") });
    await expect(openEnlargedPipes(["node"], { perl: "/nonexistent/perl" })).resolves.toEqual({ unavailable: expect.stringContaining("perl was not found at /nonexistent/perl") });
    await expect(openEnlargedPipes(["node"], { pathEnv: join(tmpdir(), "chainops-no-such-dir") })).resolves.toEqual({ unavailable: expect.stringContaining("perl was not found on PATH") });
  });
});

function isAlive(pid: number): boolean {
  try {
    // A zombie has exited; only its parent's wait() is missing.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

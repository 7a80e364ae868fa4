import { spawn } from "node:child_process";
import { closeSync, constants, openSync, readFileSync } from "node:fs";
import { findExecutable } from "../exec/find-executable";

/**
 * Kernel pipes with an enlarged buffer, for the hops of a pipeline.
 *
 * Why: Node gives a child's stdio as a socketpair whose buffer it cannot size, and lz4 writes each
 * compressed block in one write(); so lz4 sits blocked until Node has hashed almost the whole block,
 * and the stages take turns instead of overlapping. A 1 MiB pipe with lz4's 256 KiB blocks lets the
 * compressor run ahead (see issue 16 for the measurements).
 *
 * How: Node can neither create a pipe nor call fcntl, so a short-lived perl (perl-base is Essential
 * on Debian and Ubuntu) creates the pipes, enlarges them with F_SETPIPE_SZ and waits; we open both
 * ends of each through /proc/<pid>/fd (which opens the same pipe, like a FIFO) and let it exit.
 * Nothing is ever created on a file system, so a killed run leaves nothing behind.
 */

/** What we ask for: enough for a few 256 KiB lz4 blocks. Capped by /proc/sys/fs/pipe-max-size. */
export const PIPE_BYTES = 1 << 20;
/** Below this the pipe does not hold one lz4 block and the gain is lost: use the default wiring. */
export const MIN_PIPE_BYTES = 256 << 10;

/** Linux fcntl command; Node has no constant for it. */
const F_SETPIPE_SZ = 1031;
/** Long enough for a perl start on a loaded machine; a stuck helper must not stall an upload. */
const HELPER_TIMEOUT_MS = 30_000;

/**
 * Creates `count` pipes, enlarges each to `bytes`, prints "<read fd> <write fd> <size>" for each on
 * one line, then holds them open until its stdin closes. Dies with the reason on stderr.
 */
const HELPER = `
use strict;
my ($count, $bytes) = @ARGV;
my (@held, @fds);
for (1 .. $count) {
  pipe(my $r, my $w) or die "pipe() failed: $!\\n";
  my $size = fcntl($w, ${F_SETPIPE_SZ}, $bytes + 0);
  defined $size or die "F_SETPIPE_SZ to $bytes bytes failed: $!\\n";
  push @held, $r, $w;
  push @fds, fileno($r), fileno($w), $size + 0;
}
$| = 1;
print "@fds\\n";
my $done = <STDIN>;
`;

/** Who reads a pipe: Node (non-blocking, for the event loop) or a child process (blocking). */
export type PipeReader = "node" | "child";

export interface KernelPipe {
  readFd: number;
  writeFd: number;
  /** Buffer size the kernel granted, bytes. */
  bytes: number;
}

export type EnlargedPipes = { pipes: KernelPipe[] } | { unavailable: string };

/**
 * Opens one enlarged pipe per reader, or says why it cannot (then the caller uses Node's default
 * stdio and warns). The caller owns every fd returned and must close them (closeFds).
 */
export async function openEnlargedPipes(
  readers: readonly PipeReader[],
  options: {
    perl?: string;
    pathEnv?: string;
    /** The kernel's limit for unprivileged users (default: read from /proc/sys/fs/pipe-max-size). */
    pipeMaxSize?: number;
    platform?: NodeJS.Platform;
  } = {},
): Promise<EnlargedPipes> {
  if ((options.platform ?? process.platform) !== "linux") return { unavailable: "enlarged pipes need Linux (F_SETPIPE_SZ and /proc)" };
  const maxBytes = options.pipeMaxSize ?? readPipeMaxSize();
  const bytes = Math.min(PIPE_BYTES, maxBytes ?? PIPE_BYTES);
  if (bytes < MIN_PIPE_BYTES) {
    return { unavailable: `the kernel allows pipes of at most ${maxBytes} bytes (/proc/sys/fs/pipe-max-size); raise it with sysctl fs.pipe-max-size=${PIPE_BYTES}` };
  }
  let perl: string;
  try {
    perl = findExecutable(options.perl ?? "perl", { pathEnv: options.pathEnv });
  } catch {
    return { unavailable: `perl was not found${options.perl ? ` at ${options.perl}` : " on PATH"} (it sizes the pipes; apt-get install -y perl-base)` };
  }

  const helper = await startHelper(perl, readers.length, bytes);
  if ("unavailable" in helper) return helper;
  const smallest = Math.min(...helper.fds.filter((_, i) => i % 3 === 2));
  if (smallest < MIN_PIPE_BYTES) {
    await helper.release();
    return { unavailable: `the kernel granted pipes of only ${smallest} bytes` };
  }
  const opened: number[] = [];
  try {
    const pipes: KernelPipe[] = [];
    for (const [index, reader] of readers.entries()) {
      const [readFd, writeFd, granted] = helper.fds.slice(index * 3, index * 3 + 3) as [number, number, number];
      // The helper holds both ends, so neither open can block. Node's end is non-blocking for
      // the event loop; a child's end must block like any stdin. (libuv adds O_CLOEXEC.)
      const read = openSync(`/proc/${helper.pid}/fd/${readFd}`, constants.O_RDONLY | (reader === "node" ? constants.O_NONBLOCK : 0));
      opened.push(read);
      const write = openSync(`/proc/${helper.pid}/fd/${writeFd}`, constants.O_WRONLY);
      opened.push(write);
      pipes.push({ readFd: read, writeFd: write, bytes: granted });
    }
    return { pipes };
  } catch (error) {
    closeFds(opened);
    return { unavailable: `could not open the pipes through /proc: ${(error as Error).message}` };
  } finally {
    await helper.release();
  }
}

/** Closes fds, ignoring ones already closed. */
export function closeFds(fds: Iterable<number | undefined>): void {
  for (const fd of fds) {
    if (fd === undefined) continue;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

function readPipeMaxSize(): number | undefined {
  try {
    const value = Number.parseInt(readFileSync("/proc/sys/fs/pipe-max-size", "utf8"), 10);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Helper {
  pid: number;
  fds: number[];
  /** Lets the helper exit and waits for it, so no copy of a pipe end outlives this call. */
  release(): Promise<void>;
}

function startHelper(perl: string, count: number, bytes: number): Promise<Helper | { unavailable: string }> {
  return new Promise((resolve) => {
    // An empty environment: PERL5OPT/PERL5LIB or a broken locale cannot change what it does.
    const child = spawn(perl, ["-e", HELPER, String(count), String(bytes)], { stdio: ["pipe", "pipe", "pipe"], env: {}, shell: false });
    const closed = new Promise<void>((done) => child.once("close", () => done()));
    let stdout = "";
    let stderr = "";
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      void closed.then(() => resolve({ unavailable: reason }));
    };
    const timer = setTimeout(() => fail(`perl did not answer within ${HELPER_TIMEOUT_MS / 1000} s`), HELPER_TIMEOUT_MS);
    child.once("error", (error) => fail(`perl could not be started (${error.message})`));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (settled || !stdout.includes("\n")) return;
      const fds = stdout.trim().split(/\s+/).map(Number);
      if (fds.length !== count * 3 || fds.some((n) => !Number.isInteger(n) || n < 0)) return fail(`perl printed ${JSON.stringify(stdout.trim())}, not ${count * 3} numbers`);
      settled = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        fds,
        release: async () => {
          child.stdin.end();
          await closed;
        },
      });
    });
    child.once("close", (code, signal) => {
      if (!settled) fail(stderr.trim() || `perl exited with ${signal ?? `code ${code}`} before sizing the pipes`);
    });
    child.stdin.on("error", () => undefined);
  });
}

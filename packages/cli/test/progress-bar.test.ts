import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/program";
import { renderProgressBar, withProgressBar } from "../src/progress-bar";
import { Terminal, TerminalLogger, type OutputStream } from "../src/terminal";

/** A stream that records what is written to it; a terminal when columns is given. */
function stream(columns?: number): OutputStream & { written: string[]; text(): string } {
  const written: string[] = [];
  return { written, write: (t: string) => written.push(t), isTTY: columns !== undefined, columns, text: () => written.join("") };
}

const CLEAR = "\r\x1b[2K";
const sample = { label: "snapshot.tar.lz4", sourceBytes: 512 << 20, sourceTotal: 1 << 30, hashedBytes: 300 << 20, elapsedMs: 2000, bytesPerSecond: 268_435_456, etaMs: 2000 };

describe("progress bar", () => {
  it("draws a half-full bar with percent, bytes, rate and ETA, within the terminal width", () => {
    const line = renderProgressBar(sample, 100);
    expect(line).toMatch(/^snapshot\.tar\.lz4 \[#+-+\]  50%  512 MiB\/1 GiB  268\.4 MB\/s  ETA 2s$/);
    const bar = /\[([#-]+)\]/.exec(line)![1]!;
    expect(bar.split("#").length - 1).toBe(bar.length / 2);
    expect(line.length).toBeLessThan(100);
    expect(renderProgressBar(sample, 40).length).toBeLessThan(40);
  });

  it("shows bytes and rate when the total is unknown", () => {
    expect(renderProgressBar({ ...sample, sourceTotal: undefined, etaMs: undefined }, 80)).toBe("snapshot.tar.lz4  512 MiB  268.4 MB/s");
  });

  it("is drawn on stderr, never on stdout, and ends its line when the transfer is done", async () => {
    const stdout = stream(80);
    const stderr = stream(80);
    await withProgressBar({ terminal: new Terminal(stdout, stderr) }, async (onProgress) => {
      onProgress!(sample);
      onProgress!({ ...sample, sourceBytes: 1 << 30 });
    });
    expect(stdout.written).toEqual([]);
    expect(stderr.written).toHaveLength(3);
    expect(stderr.written[0]!.startsWith(CLEAR)).toBe(true);
    expect(stderr.written[1]).toContain("100%");
    expect(stderr.written[2]).toBe("\n");
  });

  it("a log line during the transfer clears the bar, takes its own line, and the bar is redrawn below it", async () => {
    const stdout = stream(80);
    const stderr = stream(80);
    const terminal = new Terminal(stdout, stderr);
    const logger = new TerminalLogger(terminal);
    await withProgressBar({ terminal }, async (onProgress) => {
      onProgress!(sample);
      logger.warning("retrying part 3");
      logger.info("uploaded part 3");
    });
    const bar = renderProgressBar(sample, 80);
    expect(stderr.text()).toBe(`${CLEAR}${bar}${CLEAR}warning: retrying part 3\n${bar}${CLEAR}${bar}\n`);
    expect(stdout.text()).toBe("uploaded part 3\n");
  });

  it("a terminal that reports 0 columns gets no bar: the pipeline logs plain lines instead", async () => {
    for (const terminal of [new Terminal(stream(0), stream(0)), new Terminal(stream(80), stream())]) {
      expect(terminal.interactive).toBe(false);
      const callbacks: unknown[] = [];
      await withProgressBar({ terminal }, async (onProgress) => void callbacks.push(onProgress));
      expect(callbacks).toEqual([undefined]);
    }
  });

  it("ends the bar's line when the operation fails, and passes the error on", async () => {
    const stderr = stream(80);
    const failing = withProgressBar({ terminal: new Terminal(stream(80), stderr) }, async (onProgress) => {
      onProgress!(sample);
      throw new Error("upload failed");
    });
    await expect(failing).rejects.toThrow("upload failed");
    expect(stderr.written.at(-1)).toBe("\n");
  });

  it("chainops store put on a terminal: the bar on stderr ends at 100 % on its own line, the result alone on stdout", async () => {
    const work = await mkdtemp(join(tmpdir(), "chainops-put-bar-"));
    try {
      const file = join(work, "artifact.bin");
      const data = randomBytes(256 * 1024);
      await writeFile(file, data);
      const stdout = stream(80);
      const stderr = stream(80);
      const url = `${pathToFileURL(join(work, "store")).href}/mainnet/artifact.bin`;
      const code = await runCli(["store", "put", file, url], { stdout, stderr, stdin: new PassThrough(), env: { PATH: process.env.PATH } });
      expect(stderr.text()).not.toContain("error");
      expect(code).toBe(0);
      expect((await readFile(join(work, "store", "mainnet", "artifact.bin"))).equals(data)).toBe(true);
      const bars = stderr.written.filter((t) => t.startsWith(CLEAR) && t.length > CLEAR.length);
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.at(-1)).toContain("100%");
      expect(stderr.text().endsWith("\n")).toBe(true);
      // Every stdout line is whole: none starts inside a bar, and the last is the result.
      expect(stdout.text()).not.toContain("\r");
      expect(stdout.text().trimEnd().split("\n").at(-1)).toMatch(/^Stored .*artifact\.bin: sha256 [0-9a-f]{64}, 262144 bytes/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { RecordingLogger } from "@chainops/shared";
import { storeCommand } from "../src/commands/store";
import { progressBarFor, renderProgressBar, withProgressBar } from "../src/progress-bar";

/** A terminal stdout that records what is written to it. */
function terminal(): { written: string[]; stdout: NodeJS.WritableStream } {
  const written: string[] = [];
  return { written, stdout: { write: (t: string) => written.push(t), columns: 80 } as unknown as NodeJS.WritableStream };
}

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

  it("redraws one line on a terminal and leaves lines to the logger elsewhere", () => {
    const written: string[] = [];
    const tty = progressBarFor({ interactive: true, stdout: { write: (t: string) => written.push(t), columns: 80 } as unknown as NodeJS.WritableStream });
    tty.onProgress!(sample);
    tty.onProgress!({ ...sample, sourceBytes: 1 << 30 });
    tty.finish();
    expect(written).toHaveLength(3);
    expect(written[0]!.startsWith("\r\x1b[2K")).toBe(true);
    expect(written[1]).toContain("100%");
    expect(written[2]).toBe("\n");
    expect(progressBarFor({ interactive: false, stdout: process.stdout }).onProgress).toBeUndefined();
  });

  it("ends the bar's line when the operation fails, and passes the error on", async () => {
    const { written, stdout } = terminal();
    const failing = withProgressBar({ interactive: true, stdout }, async (onProgress) => {
      onProgress!(sample);
      throw new Error("upload failed");
    });
    await expect(failing).rejects.toThrow("upload failed");
    expect(written.at(-1)).toBe("\n");
  });

  it("chainops store put draws the bar on a terminal, ending at 100 %", async () => {
    const work = await mkdtemp(join(tmpdir(), "chainops-put-bar-"));
    try {
      const file = join(work, "artifact.bin");
      const data = randomBytes(256 * 1024);
      await writeFile(file, data);
      const { written, stdout } = terminal();
      const url = `${pathToFileURL(join(work, "store")).href}/mainnet/artifact.bin`;
      const code = await storeCommand.run(["put", file, url], { logger: new RecordingLogger(), env: { PATH: process.env.PATH }, stdout, interactive: true });
      expect(code).toBe(0);
      expect((await readFile(join(work, "store", "mainnet", "artifact.bin"))).equals(data)).toBe(true);
      const bars = written.filter((t) => t.startsWith("\r\x1b[2K"));
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.at(-1)).toContain("100%");
      expect(written.at(-1)).toBe("\n");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

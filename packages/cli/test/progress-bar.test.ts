import { describe, expect, it } from "vitest";
import { progressBarFor, renderProgressBar } from "../src/progress-bar";

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
});

import { describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { parseArtifactKey } from "../src/artifact-names";
import type { BaseEntry } from "../src/indexes";
import { humanFileSize } from "../src/metadata";
import { parseRetention, selectExpired } from "../src/retention";
import { relativeHref, renderFeed, renderIndexHtml } from "../src/site";
import { decideDue } from "../src/throttle";

const entry = (height: number, timestamp: string, type: "tarball" | "tezos-snapshot" = "tarball"): BaseEntry =>
  ({ chain_name: "mainnet", history_mode: "rolling", artifact_type: type, block_height: height, block_timestamp: timestamp, filename: `f-${height}-${type}` }) as BaseEntry;

describe("publish-shots building blocks", () => {
  it("writes sizes as du -h does, rounded up", () => {
    expect(humanFileSize(1)).toBe("0.1K");
    expect(humanFileSize(1024)).toBe("1K");
    expect(humanFileSize(51 * 1024 ** 2)).toBe("51M");
    expect(humanFileSize(3.21 * 1024 ** 3)).toBe("3.3G");
    expect(humanFileSize(6 * 1024 ** 3)).toBe("6G");
    expect(humanFileSize(1023.99 * 1024 ** 2)).toBe("1G");
    expect(humanFileSize(2.5 * 1024 ** 4)).toBe("2.5T");
  });

  it("parses retention as a count, an age, or both", () => {
    expect(parseRetention("")).toEqual({});
    expect(parseRetention("10")).toEqual({ keep: 10 });
    expect(parseRetention("30d")).toEqual({ maxAgeMs: 30 * 86_400_000 });
    expect(parseRetention("10, 30d")).toEqual({ keep: 10, maxAgeMs: 30 * 86_400_000 });
    expect(parseRetention("keep=3 max-age=12h")).toEqual({ keep: 3, maxAgeMs: 12 * 3_600_000 });
    expect(() => parseRetention("0")).toThrow(ConfigError);
    expect(() => parseRetention("6x")).toThrow(/neither a count nor a duration/);
    expect(() => parseRetention("ttl=3")).toThrow(/unknown setting "ttl"/);
  });

  it("expires beyond the count or the age per type, never the newest or a protected one", () => {
    const now = Date.parse("2026-02-01T00:00:00Z");
    const entries = [entry(1, "2026-01-01T00:00:00Z"), entry(2, "2026-01-20T00:00:00Z"), entry(3, "2026-01-31T00:00:00Z"), entry(1, "2026-01-01T00:00:00Z", "tezos-snapshot")];
    expect(selectExpired(entries, { keep: 2 }, now, () => false).map((e) => e.block_height)).toEqual([1]);
    expect(selectExpired(entries, { maxAgeMs: 5 * 86_400_000 }, now, () => false).map((e) => e.block_height)).toEqual([2, 1]);
    expect(selectExpired(entries, { keep: 1 }, now, (e) => e.block_height === 2).map((e) => e.block_height)).toEqual([1]);
    expect(selectExpired(entries, {}, now, () => false)).toEqual([]);
  });

  it("is due per type from the newest published block", () => {
    const now = Date.parse("2026-02-01T06:00:00Z");
    const decisions = decideDue({ entries: [entry(3, "2026-02-01T01:00:00Z")], network: "mainnet", mode: "rolling", kinds: ["tarball", "rolling-snapshot"], minIntervalMs: 6 * 3_600_000, now });
    expect(decisions).toEqual([
      { kind: "tarball", due: false, newest: "2026-02-01T01:00:00Z", dueAt: Date.parse("2026-02-01T07:00:00Z") },
      { kind: "rolling-snapshot", due: true, dueAt: now },
    ]);
  });

  it("recognises only this network+mode's artifact names", () => {
    expect(parseArtifactKey("mainnet/tezos-mainnet-rolling-tarball-12.lz4", "mainnet", "rolling")).toEqual({ kind: "tarball", level: 12, filename: "tezos-mainnet-rolling-tarball-12.lz4" });
    expect(parseArtifactKey("mainnet/mainnet-12.rolling", "mainnet", "rolling")?.kind).toBe("rolling-snapshot");
    expect(parseArtifactKey("mainnet/mainnet-12.rolling", "mainnet", "archive")).toBeUndefined();
    expect(parseArtifactKey("mainnet/tezos-mainnet-archive-tarball-12.lz4", "mainnet", "rolling")).toBeUndefined();
    expect(parseArtifactKey("mainnet/tezos-mainnet-rolling-tarball-12.lz4.json", "mainnet", "rolling")).toBeUndefined();
    expect(parseArtifactKey("ghostnet/ghostnet-12.rolling", "mainnet", "rolling")).toBeUndefined();
  });

  it("links relatively from the site prefix", () => {
    expect(relativeHref("", "mainnet/a b.lz4")).toBe("mainnet/a%20b.lz4");
    expect(relativeHref("site/tezos", "mainnet/x.rolling")).toBe("../../mainnet/x.rolling");
  });

  it("links an entry other tools wrote only if its url is http(s)", () => {
    const options = { prefix: "", org: "o", indexUrl: "https://x.org/tezos-snapshots.json", feedUrl: "https://x.org/feed.xml" };
    const hostile = { ...entry(5, "2026-01-01T00:00:00Z"), filename: "f.lz4", url: "javascript:alert(1)", sha256: "a".repeat(64) } as BaseEntry;
    const foreign = { ...entry(6, "2026-01-01T00:00:00Z"), chain_name: "ghostnet", filename: "g.lz4", url: "https://other.org/g.lz4", sha256: "b".repeat(64) } as BaseEntry;
    const html = renderIndexHtml([hostile, foreign], options) + renderFeed([hostile, foreign], options);
    expect(html).not.toContain(`href="javascript:`);
    expect(html).toContain(`href="#"`);
    expect(html).toContain('href="https://other.org/g.lz4"');
    expect(html).toContain('href="https://other.org/g.lz4.json"');
  });
});

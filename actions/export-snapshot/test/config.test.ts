import { describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { parseConfig } from "../src/config";

const base = { bucket: "file:///tmp/bucket", "lotus-path": "/var/lib/lotus" };

function configError(raw: Record<string, string>): ConfigError {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("export-snapshot inputs", () => {
  it("has Filcryo's defaults", () => {
    const config = parseConfig(base);
    expect(config).toMatchObject({ mode: "export", range: 2880, finality: 900, margin: 15, prefix: "historical-exports", maxExports: 1, workers: 50, writeBuffer: 5_000_000, exportDir: "/var/lib/lotus" });
    expect(config.compression).toEqual({ kind: "zstd", fast: true, threads: 0 });
    expect(parseConfig({ ...base, compression: "zstd:19,threads=8" }).compression).toEqual({ kind: "zstd", level: 19, threads: 8 });
  });

  it.each([
    ["range", "0", "range", /between 1 and/],
    ["finality", "-1", "finality", /between 0 and/],
    ["compression", "lz4", "compression", /zstd/],
    ["compression", "zstd:25", "compression", /1–19/],
    ["bucket", "gs:/bad", "bucket", /bucket URL/],
    ["bucket", "ftp://host/x", "bucket", /unknown scheme/],
    ["mode", "backup", "mode", /export/],
    ["max-exports", "many", "max-exports", /whole number/],
    ["lotus-path", "relative/dir", "lotus-path", /absolute/],
    ["network", "main net", "network", /network name/],
    ["metrics-compat", "prometheus", "metrics-compat", /filcryo/],
  ])("%s=%s is refused, naming the input and an example", (input, value, named, message) => {
    const error = configError({ ...base, [input]: value });
    expect(error.input).toBe(named);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Example:/);
  });

  it("needs a node to talk to, and a repo to restore into", () => {
    expect(configError({ bucket: "file:///tmp/b" }).input).toBe("lotus-path");
    expect(configError({ bucket: "file:///tmp/b", mode: "restore", "lotus-api": "http://127.0.0.1:1234" }).input).toBe("lotus-path");
  });

  it("metrics-compat needs metrics-file; with it, filcryo is taken", () => {
    const error = configError({ ...base, "metrics-compat": "filcryo" });
    expect(error.input).toBe("metrics-compat");
    expect(error.message).toMatch(/needs metrics-file/);
    expect(parseConfig({ ...base, "metrics-compat": "filcryo", "metrics-file": "/var/lib/node_exporter/textfile/f.prom" }).metricsCompat).toBe("filcryo");
    expect(parseConfig(base).metricsCompat).toBeUndefined();
  });
});

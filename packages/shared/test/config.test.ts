import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "@chainops/shared";
import type { StoreUrl } from "@chainops/shared/storage";
import {
  field,
  formatBytes,
  formatDuration,
  inputNameOf,
  parseDuration,
  parseInputs,
  parseSize,
  parseHttpUrl,
  zBool,
  zDuration,
  zHttpUrl,
  zInt,
  zList,
  zPattern,
  zSize,
  zStoreUrl,
} from "@chainops/shared/config";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["90m", 5_400_000],
    ["6h", 21_600_000],
    ["1d", 86_400_000],
    ["1w", 604_800_000],
    ["1h30m", 5_400_000],
    ["1h 30m", 5_400_000],
    ["1.5h", 5_400_000],
    ["250ms", 250],
    [" 2d12h ", 216_000_000],
    ["0s", 0],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDuration(text, "min-interval")).toBe(ms);
  });

  it.each([["6x"], ["h"], ["1h30"], ["-1h"], ["1y"], ["six hours"], ["1h,30m"]])("%s is a ConfigError with an example", (text) => {
    const error = configError(() => parseDuration(text, "min-interval"));
    expect(error.input).toBe("min-interval");
    expect(error.message).toContain(`"${text}"`);
    expect(error.message).toMatch(/Example: .*"6h"/);
  });

  it("refuses a bare number and suggests units", () => {
    const error = configError(() => parseDuration("30", "timeout"));
    expect(error.message).toBe('Invalid timeout (got "30"): has no unit (s, m, h, d or w). Example: "30s" or "30m"');
  });

  it("refuses an empty value", () => {
    expect(configError(() => parseDuration("  ", "timeout")).message).toContain("is empty");
  });

  it.each([
    [250, "250ms"],
    [1_500, "1.5s"],
    [5_400_000, "1h30m"],
    [90_061_000, "1d1h1m1s"],
  ])("formatDuration(%d) = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("parseSize", () => {
  it.each([
    ["1073741824", 1073741824],
    ["0", 0],
    ["512M", 512 * 1024 ** 2],
    ["1G", 1024 ** 3],
    ["1GiB", 1024 ** 3],
    ["1 GiB", 1024 ** 3],
    ["1gi", 1024 ** 3],
    ["1GB", 1_000_000_000],
    ["500MB", 500_000_000],
    ["1.5K", 1536],
    ["2T", 2 * 1024 ** 4],
    ["100B", 100],
  ])("%s → %d bytes", (text, bytes) => {
    expect(parseSize(text, "max-size")).toBe(bytes);
  });

  it.each([["1X"], ["G"], ["-1G"], ["1,5G"], [""], ["99999999999T"]])("%s is a ConfigError naming the input", (text) => {
    const error = configError(() => parseSize(text, "max-size"));
    expect(error.input).toBe("max-size");
    expect(error.message).toContain("Invalid max-size");
    expect(error.message).toContain("Example:");
  });

  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [10.25 * 1024 ** 2, "10.3 MiB"],
    [3.27 * 1024 ** 3, "3.27 GiB"],
    [1023.99 * 1024, "1 MiB"],
    [5 * 1024 ** 4, "5 TiB"],
  ])("formatBytes(%d) = %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("parseHttpUrl", () => {
  it.each([
    ["https://grafana.example.com/", "https://grafana.example.com"],
    [" http://127.0.0.1:8732 ", "http://127.0.0.1:8732"],
    ["https://example.com/grafana/", "https://example.com/grafana"],
  ])("%s → %s", (text, url) => {
    expect(parseHttpUrl(text, "grafana-url")).toBe(url);
  });

  it.each([
    ["grafana.example.com", "is not a URL"],
    ["ftp://example.com", "must be an http(s) URL"],
    ["https://admin:pw@grafana.example.com", "must not carry credentials"],
  ])("%s → %s", (text, problem) => {
    const error = configError(() => parseHttpUrl(text, "grafana-url"));
    expect(error.input).toBe("grafana-url");
    expect(error.message).toContain(problem);
    expect(error.message).not.toContain("pw@");
  });

  it("works as a schema field", () => {
    const schema = z.object({ rpcUrl: zHttpUrl("http://127.0.0.1:8732").default("http://127.0.0.1:8732") });
    expect(parseInputs(schema, {})).toEqual({ rpcUrl: "http://127.0.0.1:8732" });
    expect(configError(() => parseInputs(schema, { "rpc-url": "localhost" })).message).toBe(
      'Invalid rpc-url (got "localhost"): is not a URL. Example: http://127.0.0.1:8732',
    );
  });
});

describe("parseInputs", () => {
  const schema = z.object({
    bucket: zStoreUrl(),
    minInterval: zDuration({ min: 60_000 }).default(6 * 3_600_000),
    dryRun: zBool().default(false),
    keep: zInt({ min: 1, max: 100 }).optional(),
    maxSize: zSize().optional(),
    networks: zList(z.enum(["mainnet", "calibnet"])).default(["mainnet"]),
    tags: zList().optional(),
    release: field(z.string().regex(/^v\d+\.\d+\.\d+$/), { example: "v1.28.0" }).optional(),
    chain: zPattern(/^[a-z]+$/, "a chain name", "mainnet").optional(),
  });

  it("turns kebab-case raw inputs into typed values, with defaults for empty ones", () => {
    const config = parseInputs(schema, {
      bucket: "gs://snapshots/filecoin",
      "min-interval": "",
      "dry-run": "yes",
      keep: "7",
      "max-size": "1GiB",
      networks: "mainnet,\ncalibnet\n",
      tags: "a, b,,c",
    });
    expect(config).toEqual({
      bucket: { kind: "gs", bucket: "snapshots", prefix: "filecoin", url: "gs://snapshots/filecoin" },
      minInterval: 6 * 3_600_000,
      dryRun: true,
      keep: 7,
      maxSize: 1024 ** 3,
      networks: ["mainnet", "calibnet"],
      tags: ["a", "b", "c"],
    });
  });

  it("infers typed output (checked by tsc)", () => {
    const config = parseInputs(schema, { bucket: "gs://abc" });
    expectTypeOf(config.bucket).toEqualTypeOf<StoreUrl>();
    expectTypeOf(config.minInterval).toEqualTypeOf<number>();
    expectTypeOf(config.dryRun).toEqualTypeOf<boolean>();
    expectTypeOf(config.keep).toEqualTypeOf<number | undefined>();
    expectTypeOf(config.networks).toEqualTypeOf<Array<"mainnet" | "calibnet">>();
    expectTypeOf(config.release).toEqualTypeOf<string | undefined>();
  });

  it("accepts CLI-style values (booleans, numbers) as well as strings", () => {
    const config = parseInputs(schema, { bucket: "file:///tmp/store", "dry-run": true, keep: 3 });
    expect(config.dryRun).toBe(true);
    expect(config.keep).toBe(3);
  });

  it.each([
    [{ "dry-run": "on" }, true],
    [{ "dry-run": "OFF" }, false],
    [{ "dry-run": "No" }, false],
    [{ "dry-run": "TRUE" }, true],
  ])("zBool %j", (raw, value) => {
    expect(parseInputs(schema, { bucket: "gs://abc", ...raw }).dryRun).toBe(value);
  });

  it.each([
    // [raw, input named, text the message must contain]
    [{ bucket: "gs://abc", "min-interval": "6x" }, "min-interval", 'Invalid min-interval (got "6x"): is not a duration'],
    [{ bucket: "gs://abc", "min-interval": "30s" }, "min-interval", "must be at least 1m. Example: 6h"],
    [{ bucket: "ftp://abc/x" }, "bucket", 'Invalid bucket (got "ftp://abc/x"): has an unknown scheme'],
    [{}, "bucket", "Invalid bucket: is required. Example: gs://my-bucket/snapshots"],
    [{ bucket: "gs://abc", "dry-run": "maybe" }, "dry-run", 'Invalid dry-run (got "maybe"): is not a boolean'],
    [{ bucket: "gs://abc", keep: "0" }, "keep", 'Invalid keep (got "0"): must be between 1 and 100. Example: 1'],
    [{ bucket: "gs://abc", keep: "2.5" }, "keep", "is not a whole number"],
    [{ bucket: "gs://abc", "max-size": "1X" }, "max-size", "is not a size"],
    [{ bucket: "gs://abc", networks: "mainnet,devnet" }, "networks", "(item 2). Example: mainnet,calibnet"],
    [{ bucket: "gs://abc", release: "1.28" }, "release", 'Invalid release (got "1.28"): invalid string'],
    [{ bucket: "gs://abc", chain: "Main Net" }, "chain", 'is not a chain name. Example: mainnet'],
  ])("%j → one ConfigError naming %s", (raw, input, text) => {
    const error = configError(() => parseInputs(schema, raw));
    expect(error.input).toBe(input);
    expect(error.message).toContain(text);
  });

  it("puts the field's example in zod's own errors", () => {
    const error = configError(() => parseInputs(schema, { bucket: "gs://abc", release: "latest" }));
    expect(error.message).toMatch(/Example: v1\.28\.0$/);
  });

  it("reports the first problem only, as one error", () => {
    const error = configError(() => parseInputs(schema, { bucket: "nope", "dry-run": "maybe" }));
    expect(error.input).toBe("bucket");
    expect(error.message).not.toContain("dry-run");
  });

  it("uses explicit input names when given", () => {
    const small = z.object({ token: z.string().min(10) });
    const error = configError(() => parseInputs(small, { "slack-token": "short" }, { inputNames: { token: "slack-token" } }));
    expect(error.input).toBe("slack-token");
    // ConfigError hides values of secret-looking inputs
    expect(error.message).toContain('"***"');
    expect(error.message).not.toContain("short");
  });

  it("hides the value of a secret-looking input in errors from the field helpers too", () => {
    const secret = z.object({ apiKey: zPattern(/^[a-f0-9]{32}$/, "an API key", "0123456789abcdef0123456789abcdef") });
    const error = configError(() => parseInputs(secret, { "api-key": " hunter2 " }));
    expect(error.message).toBe('Invalid api-key (got "***"): is not an API key. Example: 0123456789abcdef0123456789abcdef');
  });

  it("shows the bad value of inputs that are keys but not secrets (object keys, values paths)", () => {
    const paths = z.object({ snapshotKey: zPattern(/^[a-z.]+$/, "a values path", "lotus.snapshot.url") });
    expect(configError(() => parseInputs(paths, { "snapshot-key": "Bad Key!" })).message).toContain('(got "Bad Key!")');
    expect(new ConfigError("object key", "must be relative", { value: "../up" }).message).toContain('(got "../up")');
    for (const secret of ["lotus-token", "aws-secret-access-key", "private-key", "service-account-key", "ssh_key", "db-password", "key"]) {
      expect(new ConfigError(secret, "is wrong", { value: "s3cr3t" }).message, secret).not.toContain("s3cr3t");
    }
  });

  it("maps camelCase keys to kebab-case input names", () => {
    expect(inputNameOf("minInterval")).toBe("min-interval");
    expect(inputNameOf("retention_days")).toBe("retention-days");
    expect(inputNameOf("bucket")).toBe("bucket");
  });

  it("lets zod defaults apply to inputs GitHub passes as empty strings", () => {
    const config = parseInputs(schema, { bucket: "gs://abc", "dry-run": "", networks: "" });
    expect(config.dryRun).toBe(false);
    expect(config.networks).toEqual(["mainnet"]);
  });
});

import { z } from "zod";
import { ConfigError } from "@chainops/shared";
import { field, parseInputs, zBool, zDuration, zInt, zParsed, zPattern, zStoreUrl, type RawInputs } from "@chainops/shared/config";
import type { Compression } from "@chainops/shared/stream";
import { METRICS_COMPAT } from "./snapshot-metrics";

export const MODES = ["restore", "wait-sync", "export", "status"] as const;
export type Mode = (typeof MODES)[number];

/** zstd only: the public archive is `.car.zst`, and its consumers expect that. */
export function parseCompression(text: string, input = "compression"): Extract<Compression, { kind: "zstd" }> {
  const match = /^zstd(?::(fast|\d{1,2}))?(?:,threads=(\d{1,3}))?$/.exec(text.trim());
  const example = `"zstd:fast" (default, all threads), "zstd:3" or "zstd:19,threads=8"`;
  if (!match) throw new ConfigError(input, "is not a known compression (the archive is .car.zst, so zstd only)", { value: text, example });
  const threads = match[2] === undefined ? 0 : Number(match[2]);
  if (match[1] === undefined || match[1] === "fast") return { kind: "zstd", fast: true, threads };
  const level = Number(match[1]);
  if (level < 1 || level > 19) throw new ConfigError(input, "has a zstd level outside 1–19", { value: text, example });
  return { kind: "zstd", level, threads };
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

export const inputsSchema = z.object({
  mode: field(z.enum(MODES), { example: "export" }).default("export"),
  lotusApi: z.string().optional(),
  lotusToken: z.string().optional(),
  lotusPath: z.string().optional(),
  bucket: zStoreUrl().optional(),
  network: zPattern(NAME, "a network name (letters, digits, - and _)", "mainnet").optional(),
  range: zInt({ min: 1, max: 1_000_000 }).default(2880),
  finality: zInt({ min: 0, max: 100_000 }).default(900),
  margin: zInt({ min: 0, max: 100_000 }).default(15),
  prefix: zPattern(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a bucket folder (no leading or trailing /)", "historical-exports").default("historical-exports"),
  startEpoch: zInt({ min: 0 }).optional(),
  maxExports: zInt({ min: 1, max: 100 }).default(1),
  compression: zParsed(parseCompression, "zstd:fast").default({ kind: "zstd", fast: true, threads: 0 }),
  exportDir: z.string().optional(),
  metricsFile: z.string().optional(),
  /** Also write another tool's metric names, so its dashboards keep working during a migration. */
  metricsCompat: field(z.enum(METRICS_COMPAT), { example: "filcryo" }).optional(),
  /** Only for the lease: asks GitHub whether a holder's run has finished (the adapter builds the client). */
  githubToken: z.string().optional(),
  slackToken: z.string().optional(),
  slackChannel: z.string().optional(),
  syncTimeout: zDuration({ min: 0, example: "45m" }).default(45 * 60_000),
  syncTolerance: zInt({ min: 0, max: 10_000 }).default(5),
  exportTimeout: zDuration({ min: 60_000, example: "4h" }).default(4 * 3_600_000),
  leaseTtl: zDuration({ min: 60_000, example: "30m" }).default(30 * 60_000),
  workers: zInt({ min: 1, max: 1000 }).default(50),
  writeBuffer: zInt({ min: 4096 }).default(5_000_000),
  lotusBin: z.string().default("lotus"),
  daemonService: zPattern(/^[A-Za-z0-9@._-]+$/, "a systemd unit name", "lotus-daemon").optional(),
  /** Restore a snapshot from before manifests (no sha256 to check; zstd's frame checksum only). */
  allowUnverifiedRestore: zBool().default(false),
});

export type ExportSnapshotInputs = z.output<typeof inputsSchema>;

/** Input names as action.yml and the CLI spell them. */
export const INPUT_NAMES = Object.keys(inputsSchema.shape).map((key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

export interface ExportSnapshotConfig extends ExportSnapshotInputs {
  /** Where Lotus writes its CAR files: export-dir, else the node's repo (lotus-path). */
  exportDir: string | undefined;
}

/** One schema for the action and the CLI; the first bad input becomes a ConfigError naming it. */
export function parseConfig(raw: RawInputs): ExportSnapshotConfig {
  const inputs = parseInputs(inputsSchema, raw);
  for (const [name, value] of [["lotus-path", inputs.lotusPath], ["export-dir", inputs.exportDir], ["metrics-file", inputs.metricsFile]] as const) {
    if (value !== undefined && !value.startsWith("/")) throw new ConfigError(name, "must be an absolute path", { value, example: "/var/lib/lotus" });
  }
  if (inputs.metricsCompat && !inputs.metricsFile) {
    throw new ConfigError("metrics-compat", "needs metrics-file (the textfile it adds names to)", {
      value: inputs.metricsCompat,
      hint: "Set metrics-file too (e.g. /var/lib/node_exporter/textfile/filecoin-snapshots.prom), or leave metrics-compat unset.",
    });
  }
  if (inputs.mode !== "restore" && !inputs.lotusApi && !inputs.lotusPath) {
    throw new ConfigError("lotus-path", "is not set and neither is lotus-api", { example: "/var/lib/lotus", hint: "Point lotus-path at the node's repo ($LOTUS_PATH), or set lotus-api and lotus-token." });
  }
  if (inputs.mode !== "wait-sync" && !inputs.bucket) {
    throw new ConfigError("bucket", "is required", { example: "gs://fil-mainnet-archival-snapshots, s3://bucket/prefix or file:///srv/snapshots" });
  }
  if (inputs.mode === "restore" && !inputs.lotusPath) {
    throw new ConfigError("lotus-path", "is required for restore (the repo to import into)", { example: "/var/lib/lotus" });
  }
  return { ...inputs, exportDir: inputs.exportDir ?? inputs.lotusPath };
}

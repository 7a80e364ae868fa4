import { statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { ConfigError } from "@chainops/shared";
import { parseRpcUrl } from "@chainops/shared/chains/octez";
import { SYSTEMD_UNIT_NAME } from "@chainops/shared/exec";
import { field, formatDuration, parseInputs, zBool, zDuration, zList, zParsed, zPattern, zStoreUrl, type RawInputs } from "@chainops/shared/config";
import { ARTIFACT_KINDS, HISTORY_MODES, type ArtifactKind } from "./artifact-names";
import { parseRetention } from "./retention";

/** Networks publish-shots knows; anything else needs custom-network: true (a typo must not publish). */
export const KNOWN_NETWORKS = ["mainnet", "ghostnet", "shadownet", "seoulnet", "tallinnnet", "ushuaianet", "rionet", "weeklynet", "dailynet"] as const;
const NETWORK_NAME = /^[a-z][a-z0-9-]{1,40}$/;

function parseHttpUrl(text: string, input: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch (cause) {
    throw new ConfigError(input, "is not a URL", { value: text, example: "https://snapshots.example.org", cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(input, "must be an http(s) URL", { value: text, example: "https://snapshots.example.org" });
  return url.href.replace(/\/+$/, "");
}

/** Where the tarball's data comes from (see source.ts); auto picks the safest that works on the runner. */
export const SOURCES = ["auto", "copy", "stop-node", "snapshot-import"] as const;

const KEY_PREFIX = /^$|^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export const inputsSchema = z.object({
  network: zPattern(NETWORK_NAME, "a network name (lowercase letters, digits, -)", "mainnet"),
  customNetwork: zBool().default(false),
  historyMode: field(z.enum(HISTORY_MODES), { example: "rolling" }),
  artifacts: zList(z.enum(ARTIFACT_KINDS), { example: "rolling-snapshot,tarball" }).optional(),
  dataDir: z.string(),
  source: field(z.enum(SOURCES), { example: "copy" }).default("auto"),
  nodeService: zPattern(SYSTEMD_UNIT_NAME, "a systemd unit name", "octez-node.service").optional(),
  octezNode: z.string().default("octez-node"),
  rpcUrl: zParsed(parseRpcUrl, "http://127.0.0.1:8732").default("http://127.0.0.1:8732"),
  bucket: zStoreUrl(),
  publicUrl: zParsed(parseHttpUrl, "https://snapshots.example.org").optional(),
  minInterval: zDuration({ min: 0, example: "6h" }).default(6 * 3_600_000),
  retention: zParsed(parseRetention, "10,30d").default({}),
  site: zBool().default(true),
  sitePrefix: zPattern(KEY_PREFIX, "a bucket folder (no leading or trailing /)", "site").default(""),
  org: z.string().min(1).default("chainops"),
  verifyImport: zBool().default(false),
  leaseTtl: zDuration({ min: 60_000, example: "12h" }).default(12 * 3_600_000),
  finalityTimeout: zDuration({ min: 0, example: "5m" }).default(5 * 60_000),
  workDir: z.string().optional(),
  s3Endpoint: zParsed(parseHttpUrl, "https://s3.us-east-1.amazonaws.com").optional(),
  s3Region: z.string().optional(),
  /** Only for the lease: asks GitHub whether a holder's run has finished (the adapter builds the client). */
  githubToken: z.string().optional(),
  slackToken: z.string().optional(),
  slackChannel: z.string().optional(),
  metricsFile: z.string().optional(),
  /** Default: 2 × min-interval, at least 24h. */
  staleAfter: zDuration({ min: 60_000, example: "24h" }).optional(),
});

export type PublishInputs = z.output<typeof inputsSchema>;

/** Input names as action.yml and the CLI spell them. */
export const INPUT_NAMES = Object.keys(inputsSchema.shape).map((key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

export interface PublishConfig extends PublishInputs {
  artifacts: ArtifactKind[];
  staleAfter: number;
}

/**
 * One schema for the action and the CLI; the first bad input is a ConfigError naming it, and
 * nothing has been touched yet. Checks the data dir exists here; octez-node and the RPC are
 * checked by run() before anything is written.
 */
export function parseConfig(raw: RawInputs): PublishConfig {
  const inputs = parseInputs(inputsSchema, raw);
  if (!inputs.customNetwork && !(KNOWN_NETWORKS as readonly string[]).includes(inputs.network)) {
    throw new ConfigError("network", `is not a network publish-shots knows (${KNOWN_NETWORKS.join(", ")})`, {
      value: inputs.network,
      example: "mainnet",
      hint: "Check the spelling. For a new test network, also set custom-network: true.",
    });
  }
  const artifacts = inputs.artifacts ?? (inputs.historyMode === "rolling" ? ["rolling-snapshot", "tarball"] : ["tarball"]);
  if (artifacts.length === 0) throw new ConfigError("artifacts", "is empty", { example: "rolling-snapshot,tarball" });
  if (inputs.historyMode === "archive" && artifacts.includes("rolling-snapshot")) {
    throw new ConfigError("artifacts", "has rolling-snapshot with history-mode archive", {
      value: artifacts.join(","),
      example: "tarball",
      hint: "Rolling snapshots are published by the rolling publisher of the network; an archive node publishes its tarball.",
    });
  }
  checkSource(inputs);
  checkDirectory("data-dir", inputs.dataDir, "/var/tezos/node/data", "Point data-dir at the octez-node data directory (the one with context/ and store/).");
  try {
    statSync(join(inputs.dataDir, "context"));
  } catch {
    throw new ConfigError("data-dir", "does not look like an octez-node data directory (no context/ inside)", { value: inputs.dataDir, example: "/var/tezos/node/data" });
  }
  if (inputs.workDir !== undefined) checkDirectory("work-dir", inputs.workDir, "/var/tmp/shots", "Create it, or leave work-dir unset to use the runner's temp dir.");
  if (inputs.metricsFile !== undefined && !isAbsolute(inputs.metricsFile)) {
    throw new ConfigError("metrics-file", "must be an absolute path", { value: inputs.metricsFile, example: "/var/lib/node_exporter/textfile/tezos-snapshots-mainnet-rolling.prom" });
  }
  const staleAfter = inputs.staleAfter ?? Math.max(24 * 3_600_000, 2 * inputs.minInterval);
  if (staleAfter <= inputs.minInterval) {
    throw new ConfigError("stale-after", `must be longer than min-interval (${formatDuration(inputs.minInterval)}), or the alert fires between two normal publishes`, {
      value: String(raw["stale-after"]),
      example: formatDuration(Math.max(24 * 3_600_000, 2 * inputs.minInterval)),
    });
  }
  return { ...inputs, artifacts: [...new Set(artifacts)], staleAfter };
}

function checkSource(inputs: PublishInputs): void {
  if (inputs.source === "stop-node" && !inputs.nodeService) {
    throw new ConfigError("node-service", "is required with source: stop-node (the systemd unit of the node that runs on data-dir)", { example: "octez-node.service" });
  }
  if (inputs.nodeService && inputs.source !== "stop-node") {
    throw new ConfigError("node-service", `is only used with source: stop-node, but source is ${inputs.source}`, { value: inputs.nodeService, hint: "Set source: stop-node to stop that unit while its data dir is tarred, or drop node-service." });
  }
  if (inputs.source === "snapshot-import" && inputs.historyMode !== "rolling") {
    throw new ConfigError("source", "is snapshot-import, which makes rolling tarballs only (a rolling snapshot holds no archive)", {
      value: inputs.source,
      example: "stop-node",
      hint: "For an archive tarball use source: copy (a filesystem snapshot) or source: stop-node.",
    });
  }
}

function checkDirectory(input: string, path: string, example: string, hint: string): void {
  if (!isAbsolute(path)) throw new ConfigError(input, "must be an absolute path", { value: path, example });
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new ConfigError(input, "does not exist", { value: path, example, hint });
  }
  if (!isDirectory) throw new ConfigError(input, "is not a directory", { value: path, example, hint });
}

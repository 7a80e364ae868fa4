import { createReadStream } from "node:fs";
import { readFile, readdir, statfs, writeFile } from "node:fs/promises";
import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { ConfigError, NotFoundError, UpstreamError, type Clock, type Logger } from "@chainops/shared";
import { freshNodeConfig, OCTEZ_NETWORK_ALIASES, readNodeConfig } from "@chainops/shared/chains/octez";
import { formatBytes } from "@chainops/shared/config";
import { downloadAndVerify, type TransferProgress } from "@chainops/shared/stream";
import type { ArtifactType } from "./artifact-names";
import type { BaseEntry } from "./indexes";
import { shellQuote } from "./shell-quote";

/** `chainops shots fetch`: what to pick from a tezos-snapshots.json and where to put it. */
export interface FetchConfig {
  /** http(s):// or file:// URL of tezos-snapshots.json. */
  indexUrl: string;
  network: string;
  historyMode: "rolling" | "full" | "archive";
  artifactType: ArtifactType;
  /** Prefer artifacts made by this octez major version; fall back to any with a warning. */
  octezMajor?: number;
  /** Tarball: the data dir to extract into (absent or empty). Rolling snapshot: the directory to save it in. */
  dest: string;
}

export interface FetchDeps {
  logger: Logger;
  clock?: Clock;
  signal?: AbortSignal;
  pathEnv?: string;
  onProgress?: (progress: TransferProgress) => void;
  /** Free bytes where dest will be (default: statfs of the nearest existing parent). */
  freeBytes?: (path: string) => Promise<number>;
}

export interface FetchResult {
  artifact: BaseEntry;
  /** The extracted data dir, or the saved snapshot file. */
  path: string;
  sha256: string;
  size: number;
  /** What to run next (for a .rolling: the octez-node import command). */
  next?: string;
  /** Tarball: the config.json written for the network (none when octez-node does not know it by name). */
  config?: string;
}

const MAX_REDIRECTS = 5;

/**
 * GET an http(s):// URL as a byte stream, following redirects (S3 "latest" website redirects).
 * node:http rather than fetch: a connection dropped mid-body then surfaces as an error on the
 * stream we pipe, instead of inside fetch's web-stream bridge (Node 24 threw it uncaught there).
 */
function get(url: string, signal?: AbortSignal, redirects = 0): Promise<IncomingMessage> {
  if (!/^https?:\/\//.test(url)) throw new ConfigError("url", "must be http(s):// or file://", { value: url, example: "https://snapshots.example.org/tezos-snapshots.json" });
  return new Promise((resolve, reject) => {
    const request = (url.startsWith("https:") ? httpsGet : httpGet)(url, { signal }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
        response.resume();
        resolve(get(new URL(location, url).href, signal, redirects + 1));
        return;
      }
      if (status !== 200) {
        response.resume();
        reject(new UpstreamError(`GET ${url} answered HTTP ${status}`, { hint: "Check the URL; the artifact may have been removed by retention (fetch the index again)." }));
        return;
      }
      resolve(response);
    });
    request.on("error", (cause) => reject(new UpstreamError(`GET ${url} failed: ${cause.message}`, { cause, retryable: true, hint: "Check the URL and the network." })));
  });
}

/** An http(s):// or file:// URL as a byte stream. */
async function openUrl(url: string, signal?: AbortSignal): Promise<Readable> {
  if (url.startsWith("file:")) return createReadStream(fileURLToPath(url));
  return get(url, signal);
}

async function readText(url: string, signal?: AbortSignal): Promise<string> {
  if (url.startsWith("file:")) return readFile(fileURLToPath(url), "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of await get(url, signal)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The artifacts a tezos-snapshots.json lists (http(s):// or file://); `chainops shots list` prints them. */
export async function readIndex(url: string, signal?: AbortSignal): Promise<BaseEntry[]> {
  const text = await readText(url, signal);
  let parsed: { data?: unknown };
  try {
    parsed = JSON.parse(text) as { data?: unknown };
  } catch (cause) {
    throw new UpstreamError(`${url} is not JSON`, { cause, hint: "index-url must point at a tezos-snapshots.json." });
  }
  if (!Array.isArray(parsed.data)) throw new UpstreamError(`${url} has no data array`, { hint: "index-url must point at a tezos-snapshots.json ({date_generated, org, data: [...]})." });
  return parsed.data as BaseEntry[];
}

/** The index is untrusted: a filename is one path segment (no "/", no ".."), never a path out of dest. */
export function isPlainFilename(name: unknown): name is string {
  return typeof name === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(name);
}

/**
 * The artifact's URL is http(s); file:// only when the index itself is a local file, so a remote
 * index cannot make fetch read files of this host.
 */
function checkArtifactUrl(artifact: BaseEntry, indexUrl: string): void {
  const url = String(artifact.url);
  if (/^https?:\/\//.test(url) || (url.startsWith("file:") && indexUrl.startsWith("file:"))) return;
  throw new UpstreamError(`${artifact.filename} in ${indexUrl} has the url ${JSON.stringify(url)}, which fetch does not download`, {
    hint: "An artifact url must be http(s):// (file:// only in a file:// index). Fix the index, or report it to its publisher.",
  });
}

/** Highest block first among network/mode/type; the asked octez major version first, else any (with a warning). */
export function pickArtifact(entries: BaseEntry[], config: Pick<FetchConfig, "network" | "historyMode" | "artifactType" | "octezMajor">, logger: Logger): BaseEntry {
  const matching = entries
    .filter((e) => e.chain_name === config.network && e.history_mode === config.historyMode && e.artifact_type === config.artifactType)
    .filter((e) => typeof e.url === "string" && /^[0-9a-f]{64}$/.test(String(e.sha256)) && isPlainFilename(e.filename))
    .sort((a, b) => Number(b.block_height) - Number(a.block_height));
  if (!matching.length) {
    const offered = [...new Set(entries.map((e) => `${e.chain_name}/${e.history_mode}/${e.artifact_type}`))].sort().join(", ") || "nothing";
    throw new NotFoundError(`No ${config.artifactType} for ${config.network} ${config.historyMode} in the index`, { hint: `The index offers: ${offered}.` });
  }
  if (config.octezMajor === undefined) return matching[0]!;
  const sameMajor = matching.find((e) => e.tezos_version?.version?.major === config.octezMajor);
  if (sameMajor) return sameMajor;
  const fallback = matching[0]!;
  logger.warning(`No ${config.artifactType} made by octez ${config.octezMajor}; using the newest one, made by octez ${fallback.tezos_version?.version?.major} (block ${fallback.block_height}). Check that your node can read it.`);
  return fallback;
}

async function nearestExisting(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    try {
      await statfs(current);
      return current;
    } catch {
      if (dirname(current) === current) return current;
    }
  }
}

async function defaultFreeBytes(path: string): Promise<number> {
  const stats = await statfs(await nearestExisting(path));
  return Number(stats.bavail) * Number(stats.bsize);
}

export async function fetchSnapshot(config: FetchConfig, deps: FetchDeps): Promise<FetchResult> {
  const { logger } = deps;
  const artifact = pickArtifact(await readIndex(config.indexUrl, deps.signal), config, logger);
  checkArtifactUrl(artifact, config.indexUrl);
  logger.info(`Picked ${artifact.filename}: block ${artifact.block_height} (${artifact.block_hash}) of ${artifact.block_timestamp}, ${artifact.filesize}`);

  const tarball = artifact.artifact_type === "tarball";
  if (tarball) {
    const existing = await readdir(config.dest).catch(() => []);
    if (existing.length) throw new ConfigError("dest", "is not empty; a tarball is extracted into an empty or new data dir", { value: config.dest, example: "/var/tezos/node-new", hint: "Move the old data dir away first." });
  }
  const free = await (deps.freeBytes ?? defaultFreeBytes)(config.dest);
  if (free < artifact.filesize_bytes) {
    throw new ConfigError("dest", `has ${formatBytes(free)} free, but ${artifact.filename} alone is ${formatBytes(artifact.filesize_bytes)}`, {
      value: config.dest,
      hint: tarball ? "Free space or pick another disk; the extracted data needs more than the download." : "Free space or pick another disk.",
    });
  }

  const path = tarball ? config.dest : join(config.dest, artifact.filename);
  const result = await downloadAndVerify({
    source: await openUrl(artifact.url, deps.signal),
    expectedSha256: artifact.sha256,
    expectedSize: artifact.filesize_bytes,
    decompression: tarball ? "lz4" : "none",
    destination: tarball ? { kind: "directory", path } : { kind: "file", path },
    logger,
    clock: deps.clock,
    signal: deps.signal,
    onProgress: deps.onProgress,
    pathEnv: deps.pathEnv,
    label: artifact.filename,
  });
  const network = String(artifact.chain_name);
  const alias = isOctezAlias(network) ? network : undefined;
  const nodeConfig = tarball ? await writeFreshConfig(path, network, logger) : undefined;
  return {
    artifact,
    path,
    sha256: result.sha256,
    size: result.size,
    config: nodeConfig,
    next: tarball
      ? nodeConfig
        ? `octez-node run --data-dir ${shellQuote(path)}`
        : `octez-node config init --data-dir ${shellQuote(path)} --network <${network}'s network config URL>, then octez-node run --data-dir ${shellQuote(path)}`
      : `octez-node snapshot import ${shellQuote(path)} --block ${shellQuote(String(artifact.block_hash))} --data-dir <empty data dir>${alias && alias !== "mainnet" ? ` --network ${alias}` : ""}`,
  };
}

function isOctezAlias(network: string): boolean {
  return (OCTEZ_NETWORK_ALIASES as readonly string[]).includes(network);
}

/**
 * An extracted tarball gets a config.json of its own: the network only. Tarballs published before
 * carried the publisher's config.json (its data dir, RPC and P2P addresses); it is replaced, and
 * only a custom network's definition is kept from it, since nothing else names that network.
 */
async function writeFreshConfig(dataDir: string, network: string, logger: Logger): Promise<string | undefined> {
  const shipped = await readNodeConfig(dataDir);
  const definition = isOctezAlias(network) ? network : typeof shipped?.network === "object" ? shipped.network : undefined;
  const text = definition === undefined ? null : freshNodeConfig(definition);
  const path = join(dataDir, "config.json");
  if (text === null) {
    logger.warning(`No config.json written into ${dataDir}: octez-node does not know ${network} by name. Create one with octez-node config init --data-dir ${dataDir} --network <${network}'s network config URL>.`);
    return undefined;
  }
  if (shipped) logger.notice(`Replaced the publisher's config.json that came in the tarball with a fresh one for ${network}`);
  await writeFile(path, text);
  logger.info(`Wrote ${path} for ${network}`);
  return path;
}

// `chainops store …` operations; loaded only when one runs (the storage SDKs are large), so --help stays quick.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { ConfigError, IntegrityError, NotFoundError, systemClock } from "@chainops/shared";
import { formatBytes, parseInputs, zParsed } from "@chainops/shared/config";
import { openStore, parseStoreUrl, readJson, splitObjectUrl, storeOptionsFromEnv, type ObjectStore } from "@chainops/shared/storage";
import { compressAndUpload, objectMetadataKey, putObjectMetadata, type UploadSource } from "@chainops/shared/stream";
import type { CliContext, CommandOutput } from "./command";
import { withProgressBar } from "./progress-bar";

export const SIZE_FIELDS = ["filesize_bytes", "compressed_size_bytes", "size_bytes"] as const;

const objectUrlField = zParsed((text, input) => ({ url: text, ...splitObjectUrl(text, input) }), "gs://my-bucket/mainnet/snapshot.car.zst");

export async function list(raw: string, context: CliContext): Promise<CommandOutput> {
  const { url } = parseInputs(z.object({ url: zParsed(parseStoreUrl, "gs://my-bucket/mainnet") }), { url: raw }, { inputNames: { url: "url-prefix" } });
  const store = await openStore(url.url, storeOptionsFromEnv(context.env), "url-prefix");
  const rows: Array<{ key: string; url: string; size: number; updated?: string; sha256?: string }> = [];
  for await (const info of store.list()) {
    rows.push({ key: info.key, url: `${store.url}/${info.key}`, size: info.size, updated: info.updated?.toISOString(), sha256: info.sha256 });
  }
  if (!rows.length) context.logger.warning(`No objects under ${store.url}`);
  const width = Math.max(3, ...rows.map((r) => r.key.length));
  return { json: rows, text: rows.map((row) => `${row.key.padEnd(width)}  ${String(row.size).padStart(14)}  ${row.updated ?? "-"}\n`).join("") };
}

export async function cat(raw: string, context: CliContext): Promise<void> {
  const { object } = parseInputs(z.object({ object: objectUrlField }), { object: raw }, { inputNames: { object: "object-url" } });
  const store = await openStore(object.storeUrl, storeOptionsFromEnv(context.env), "object-url");
  const stream = await store.get(object.key);
  try {
    await pipeline(stream, context.terminal.stdout as NodeJS.WritableStream);
  } catch (error) {
    // `chainops store cat … | head` closes the pipe early: not a failure.
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
  }
}

/**
 * Uploads in one streamed pass, then (unless --no-metadata) publishes `<object-url>.json` with the
 * sha256 and size the pipeline measured, the document `store verify` checks against.
 */
export async function put(file: string, raw: string, options: { contentType?: string; metadata?: boolean }, context: CliContext): Promise<CommandOutput> {
  const { object } = parseInputs(z.object({ object: objectUrlField }), { object: raw }, { inputNames: { object: "object-url" } });
  let source: UploadSource;
  if (file === "-") {
    source = { kind: "stream", stream: context.stdin as Readable };
  } else {
    // Check the source before touching the store, so a bad path writes nothing.
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError("file", `cannot be read (${error.code ?? error.message})`, { value: file, example: "./snapshot.car.zst or - for stdin" });
    });
    if (!info.isFile()) throw new ConfigError("file", "is not a regular file", { value: file, example: "./snapshot.car.zst or - for stdin" });
    source = { kind: "file", path: file };
  }
  const store = await openStore(object.storeUrl, storeOptionsFromEnv(context.env), "object-url");
  // Ctrl-C aborts the upload cleanly: nothing is left under the key.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once("SIGINT", interrupt);
  try {
    // compressAndUpload reports progress (a live bar on a terminal) and the stored size and sha256.
    const uploaded = await withProgressBar(context, (onProgress) =>
      compressAndUpload({
        source,
        compression: { kind: "none" },
        store,
        key: object.key,
        contentType: options.contentType,
        logger: context.logger,
        signal: controller.signal,
        label: object.url,
        onProgress,
      }),
    );
    // The data is verified (head: size and checksum) inside compressAndUpload; only then its metadata.
    const metadataUrl = options.metadata === false ? undefined : `${object.url}.json`;
    if (metadataUrl) await putObjectMetadata(store, uploaded, { createdAt: new Date(systemClock.now()) });
    return {
      text: `Stored ${object.url}: sha256 ${uploaded.sha256}, ${uploaded.size} bytes (${formatBytes(uploaded.size)})${metadataUrl ? `; metadata ${metadataUrl}` : ""}`,
      json: { url: object.url, sha256: uploaded.sha256, size: uploaded.size, metadataUrl: metadataUrl ?? null },
    };
  } finally {
    process.off("SIGINT", interrupt);
  }
}

export async function verify(raw: string, flags: { metadata?: string }, context: CliContext): Promise<CommandOutput> {
  const options = storeOptionsFromEnv(context.env);
  const parsed = parseInputs(
    z.object({ object: objectUrlField, metadata: objectUrlField.optional() }),
    { object: raw, metadata: flags.metadata },
    { inputNames: { object: "object-url", metadata: "--metadata" } },
  );
  const { object } = parsed;
  const metadataUrl = parsed.metadata ?? { url: `${object.url}.json`, storeUrl: object.storeUrl, key: objectMetadataKey(object.key) };
  const store = await openStore(object.storeUrl, options, "object-url");
  const metaStore = metadataUrl.storeUrl === object.storeUrl ? store : await openStore(metadataUrl.storeUrl, options, "--metadata");

  const expected = await expectedDigest(metaStore, metadataUrl.key, metadataUrl.url);
  const actual = await digestAll(await store.get(object.key));
  const problems: string[] = [];
  if (actual.sha256 !== expected.sha256) problems.push(`sha256 is ${actual.sha256}, metadata says ${expected.sha256}`);
  if (expected.size !== undefined && actual.bytes !== expected.size) {
    problems.push(`size is ${actual.bytes} bytes, metadata ${expected.sizeField} says ${expected.size}`);
  }
  if (problems.length) {
    throw new IntegrityError(`${object.url} does not match ${metadataUrl.url}: ${problems.join("; ")}`, {
      hint: "Do not publish or restore from this object. Re-upload it, or regenerate its metadata if the object is the good copy.",
    });
  }
  if (expected.size === undefined) context.logger.warning(`${metadataUrl.url} has no ${SIZE_FIELDS.join("/")} field; checked sha256 only`);
  return {
    text: `OK ${object.url}: sha256 ${actual.sha256}, ${actual.bytes} bytes (${formatBytes(actual.bytes)}) match ${metadataUrl.url}`,
    json: { url: object.url, metadataUrl: metadataUrl.url, ok: true, sha256: actual.sha256, size: actual.bytes, sizeChecked: expected.size !== undefined },
  };
}

/** The sha256 and size a metadata JSON promises; a missing or unusable document is an error that says which. */
async function expectedDigest(store: ObjectStore, key: string, url: string): Promise<{ sha256: string; size?: number; sizeField?: string }> {
  const doc = await readJson<Record<string, unknown>>(store, key);
  if (!doc) throw new NotFoundError(`Metadata ${url} does not exist`, { hint: "Pass --metadata <url> if it lives elsewhere." });
  const value = doc.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new IntegrityError(`Metadata ${url} is not a JSON object`);
  const sha256 = value.sha256;
  if (typeof sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256)) {
    throw new IntegrityError(`Metadata ${url} has no valid "sha256" field (64 hex characters)`, { hint: "Every artifact's metadata JSON carries sha256 and its size in bytes." });
  }
  for (const field of SIZE_FIELDS) {
    const raw = value[field];
    if (raw === undefined || raw === null) continue;
    const size = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(size) || size < 0) throw new IntegrityError(`Metadata ${url} has a non-integer "${field}": ${JSON.stringify(raw)}`);
    return { sha256: sha256.toLowerCase(), size, sizeField: field };
  }
  return { sha256: sha256.toLowerCase() };
}

async function digestAll(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, IntegrityError, NotFoundError } from "@chainops/shared";
import { formatBytes, parseInputs, zParsed } from "@chainops/shared/config";
import { openStore, parseStoreUrl, readJson, splitObjectUrl, storeOptionsFromEnv, type ObjectStore, type StoreOptions } from "@chainops/shared/storage";
import { compressAndUpload, type UploadSource } from "@chainops/shared/stream";
import type { CliContext, CommandGroup } from "../command";
import { withProgressBar } from "../progress-bar";

const USAGE = `chainops store — list, read, write and verify objects in gs://, s3:// and file:// stores

Usage:
  chainops store ls <url-prefix> [--json]          objects under a store URL: key, size, updated
  chainops store cat <object-url>                  write an object to stdout
  chainops store put <file|-> <object-url> [--content-type <type>]
                                                   upload a file (or stdin, "-"), streamed
  chainops store verify <object-url> [--metadata <url>]
                                                   check sha256 and size against the metadata JSON
                                                   (default <object-url>.json: fields sha256 and the first
                                                   of filesize_bytes, compressed_size_bytes, size_bytes)

An object URL is a store URL whose last path part is the key: gs://bucket/mainnet/snapshot.car.zst

Environment:
  S3:  credentials from the AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance role), AWS_REGION;
       AWS_ENDPOINT_URL_S3 or CHAINOPS_S3_ENDPOINT for S3-compatible stores, CHAINOPS_S3_FORCE_PATH_STYLE=true|false
       (default true with a custom endpoint)
  GCS: GOOGLE_APPLICATION_CREDENTIALS or workload identity; CHAINOPS_GCS_ENDPOINT for another endpoint,
       STORAGE_EMULATOR_HOST for an emulator (no auth), CHAINOPS_GCS_ANONYMOUS=true for public buckets

Exit status: 0 ok, 1 failure or verify mismatch, 2 usage error.`;

const SIZE_FIELDS = ["filesize_bytes", "compressed_size_bytes", "size_bytes"] as const;

const objectUrlField = zParsed((text, input) => ({ url: text, ...splitObjectUrl(text, input) }), "gs://my-bucket/mainnet/snapshot.car.zst");
interface Flags {
  positionals: string[];
  values: { json?: boolean; "content-type"?: string; metadata?: string };
}

function parseFlags(args: string[]): Flags {
  try {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { json: { type: "boolean" }, "content-type": { type: "string" }, metadata: { type: "string" } },
    });
    return { positionals, values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

class UsageError extends Error {}

export const storeCommand: CommandGroup = {
  name: "store",
  summary: "list, read, write and verify objects in gs://, s3:// and file:// stores",
  usage: USAGE,
  async run(args, context) {
    const [sub, ...rest] = args;
    try {
      const flags = parseFlags(rest);
      const options = storeOptionsFromEnv(context.env);
      switch (sub) {
        case "ls":
          return await list(flags, options, context);
        case "cat":
          return await cat(flags, options, context);
        case "put":
          return await put(flags, options, context);
        case "verify":
          return await verify(flags, options, context);
        default:
          throw new UsageError(sub === undefined ? "missing subcommand" : `unknown subcommand "${sub}"`);
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`chainops store: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
  },
};

function positionals(flags: Flags, names: string[]): string[] {
  if (flags.positionals.length !== names.length) {
    throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ")}, got ${flags.positionals.length} argument(s)`);
  }
  return flags.positionals;
}

async function list(flags: Flags, options: StoreOptions, context: CliContext): Promise<number> {
  const [raw] = positionals(flags, ["url-prefix"]);
  const { url } = parseInputs(z.object({ url: zParsed(parseStoreUrl, "gs://my-bucket/mainnet") }), { url: raw }, { inputNames: { url: "url-prefix" } });
  const store = await openStore(url.url, options, "url-prefix");
  const rows: Array<{ key: string; url: string; size: number; updated?: string; sha256?: string }> = [];
  for await (const info of store.list()) {
    rows.push({ key: info.key, url: `${store.url}/${info.key}`, size: info.size, updated: info.updated?.toISOString(), sha256: info.sha256 });
  }
  if (flags.values.json) {
    context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(3, ...rows.map((r) => r.key.length));
  for (const row of rows) context.stdout.write(`${row.key.padEnd(width)}  ${String(row.size).padStart(14)}  ${row.updated ?? "-"}\n`);
  if (!rows.length) context.logger.warning(`No objects under ${store.url}`);
  return 0;
}

async function cat(flags: Flags, options: StoreOptions, context: CliContext): Promise<number> {
  const [raw] = positionals(flags, ["object-url"]);
  const { object } = parseInputs(z.object({ object: objectUrlField }), { object: raw }, { inputNames: { object: "object-url" } });
  const store = await openStore(object.storeUrl, options, "object-url");
  const stream = await store.get(object.key);
  try {
    await pipeline(stream, context.stdout);
  } catch (error) {
    // `chainops store cat … | head` closes the pipe early: not a failure.
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
  }
  return 0;
}

async function put(flags: Flags, options: StoreOptions, context: CliContext): Promise<number> {
  const [file, raw] = positionals(flags, ["file|-", "object-url"]);
  const { object } = parseInputs(z.object({ object: objectUrlField }), { object: raw }, { inputNames: { object: "object-url" } });
  let source: UploadSource;
  if (file === "-") {
    source = { kind: "stream", stream: process.stdin };
  } else {
    // Check the source before touching the store, so a bad path writes nothing.
    const info = await stat(file!).catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError("file", `cannot be read (${error.code ?? error.message})`, { value: file, example: "./snapshot.car.zst or - for stdin" });
    });
    if (!info.isFile()) throw new ConfigError("file", "is not a regular file", { value: file, example: "./snapshot.car.zst or - for stdin" });
    source = { kind: "file", path: file! };
  }
  const store = await openStore(object.storeUrl, options, "object-url");
  // Ctrl-C aborts the upload cleanly: nothing is left under the key.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once("SIGINT", interrupt);
  try {
    // compressAndUpload reports progress (a live bar on a terminal) and the stored size and sha256.
    await withProgressBar(context, (onProgress) =>
      compressAndUpload({
        source,
        compression: { kind: "none" },
        store,
        key: object.key,
        contentType: flags.values["content-type"],
        logger: context.logger,
        signal: controller.signal,
        label: object.url,
        onProgress,
      }),
    );
  } finally {
    process.off("SIGINT", interrupt);
  }
  return 0;
}

async function verify(flags: Flags, options: StoreOptions, context: CliContext): Promise<number> {
  const [raw] = positionals(flags, ["object-url"]);
  const parsed = parseInputs(
    z.object({ object: objectUrlField, metadata: objectUrlField.optional() }),
    { object: raw, metadata: flags.values.metadata },
    { inputNames: { object: "object-url", metadata: "--metadata" } },
  );
  const { object } = parsed;
  const metadataUrl = parsed.metadata ?? { url: `${object.url}.json`, storeUrl: object.storeUrl, key: `${object.key}.json` };
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
  context.logger.info(`OK ${object.url}: sha256 ${actual.sha256}, ${actual.bytes} bytes (${formatBytes(actual.bytes)}) match ${metadataUrl.url}`);
  return 0;
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

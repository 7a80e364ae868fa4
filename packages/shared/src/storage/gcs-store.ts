import { addAbortSignal, PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { IdempotencyStrategy, Storage, type Bucket, type FileMetadata } from "@google-cloud/storage";
import { AbortedError, ConfigError, NotFoundError } from "../core/errors";
import { BucketPath } from "./bucket-path";
import { isMissingObject, mapGcsError } from "./gcs-errors";
import type { StoreOptions } from "./open-store";
import { bodyStream, isInMemoryBody } from "./put-body";
import type { ObjectInfo, ObjectStore, PutBody, PutOptions } from "./types";

const MiB = 1024 * 1024;
/** Bodies up to this size go in one multipart request; larger or unknown sizes use a resumable session. */
const SIMPLE_UPLOAD_LIMIT = 8 * MiB;
/**
 * Resumable uploads send the stream in chunks of this size (a multiple of 256 KiB). The client
 * keeps one chunk in memory so it can resend it after a transient failure: bounded memory, and
 * a dropped connection costs one chunk, not the whole upload.
 */
const RESUMABLE_CHUNK_SIZE = 16 * MiB;

/** A GCS client for the store options. */
export function createGcsClient(options: NonNullable<StoreOptions["gcs"]> = {}): Storage {
  return new Storage({
    // Anonymous without an endpoint still needs one set: a custom endpoint is what turns auth off.
    apiEndpoint: options.apiEndpoint ?? (options.anonymous ? "https://storage.googleapis.com" : undefined),
    projectId: options.projectId,
    keyFilename: options.keyFilename,
    useAuthWithCustomEndpoint: options.anonymous ? false : options.apiEndpoint ? true : undefined,
    // Our writes are safe to repeat (whole-object puts, generation-checked CAS), so let the SDK
    // retry them too; by default it does not retry uploads without a precondition.
    retryOptions: { autoRetry: true, maxRetries: 3, idempotencyStrategy: IdempotencyStrategy.RetryAlways, totalTimeout: 300 },
  });
}

export interface GcsStoreConfig {
  storage: Storage;
  bucket: string;
  prefix: string;
  /** Canonical store URL, gs://bucket/prefix. */
  url: string;
  input: string;
  apiEndpoint?: string;
  publicBaseUrl?: string;
}

/** gs:// through @google-cloud/storage; the object generation is the CAS version. */
export class GcsStore implements ObjectStore {
  readonly kind = "gs" as const;
  readonly url: string;
  private readonly bucket: Bucket;
  private readonly path: BucketPath;

  constructor(private readonly config: GcsStoreConfig) {
    this.url = config.url;
    this.bucket = config.storage.bucket(config.bucket);
    this.path = new BucketPath(config.bucket, config.prefix);
  }

  async put(key: string, body: PutBody, options: PutOptions = {}): Promise<ObjectInfo> {
    const file = this.bucket.file(this.path.full(key));
    const size = isInMemoryBody(body) ? Buffer.byteLength(body) : options.sizeHint;
    const resumable = size === undefined || size > SIMPLE_UPLOAD_LIMIT;
    const source = bodyStream(body);
    try {
      if (options.signal?.aborted) throw new AbortedError(`Upload of ${this.url}/${key} was aborted before it started`);
      // An unfinished resumable session or an incomplete simple request never creates the object.
      await pipeline(
        source,
        file.createWriteStream({
          resumable,
          ...(resumable ? { chunkSize: RESUMABLE_CHUNK_SIZE } : {}),
          metadata: this.objectMetadata(options),
          validation: "crc32c",
        }),
        { signal: options.signal },
      );
    } catch (error) {
      // The source's own failure (a compressor dying, a read error) is reported as it is.
      if (!isInMemoryBody(body) && source.errored === error) throw error;
      throw this.fail(error, "upload", key);
    }
    return infoOf(key, file.metadata);
  }

  async get(key: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    const name = this.path.full(key);
    let generation: string | number | undefined;
    try {
      [{ generation }] = await this.bucket.file(name).getMetadata();
    } catch (error) {
      if (isMissingObject(error)) throw new NotFoundError(`No object ${key} in ${this.url}`, { hint: "Check the key; `chainops store ls` lists what is there." });
      throw this.fail(error, "read", key);
    }
    // Pin the generation head saw, so a concurrent overwrite cannot splice two versions.
    const source = this.bucket.file(name, { generation: generation === undefined ? undefined : Number(generation) }).createReadStream({ validation: "crc32c" });
    const out = new PassThrough();
    // The pinned generation is gone when the object was overwritten or deleted meanwhile.
    source.on("error", (error) =>
      out.destroy(isMissingObject(error) ? new NotFoundError(`Object ${key} in ${this.url} was replaced or deleted while being read`) : this.fail(error, "read", key)),
    );
    out.on("close", () => source.destroy());
    source.pipe(out);
    if (options.signal) addAbortSignal(options.signal, out);
    return out;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const [metadata] = await this.bucket.file(this.path.full(key)).getMetadata();
      return infoOf(key, metadata);
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw this.fail(error, "head", key);
    }
  }

  async *list(prefix = ""): AsyncIterable<ObjectInfo> {
    let pageToken: string | undefined;
    do {
      let files;
      let next;
      try {
        [files, next] = await this.bucket.getFiles({ prefix: this.path.listPrefix(prefix), autoPaginate: false, maxResults: 1000, pageToken });
      } catch (error) {
        throw this.fail(error, "list");
      }
      for (const file of files) {
        const key = this.path.relative(file.name);
        if (!key || key.endsWith("/")) continue;
        yield infoOf(key, file.metadata);
      }
      pageToken = (next as { pageToken?: string } | null | undefined)?.pageToken;
    } while (pageToken);
  }

  async delete(key: string): Promise<void> {
    try {
      await this.bucket.file(this.path.full(key)).delete({ ignoreNotFound: true });
    } catch (error) {
      throw this.fail(error, "delete", key);
    }
  }

  async putIfMatch(key: string, body: Buffer | string, version: string | null, options: PutOptions = {}): Promise<ObjectInfo> {
    if (version !== null && !/^\d+$/.test(version)) {
      throw new ConfigError("version", "must be a GCS generation number from head() or readJson()", { value: version, example: "1700000000000000" });
    }
    const file = this.bucket.file(this.path.full(key));
    try {
      // ifGenerationMatch 0 means "only if no live object exists".
      await file.save(Buffer.from(body), {
        resumable: false,
        preconditionOpts: { ifGenerationMatch: version === null ? 0 : Number(version) },
        metadata: this.objectMetadata(options),
        validation: "crc32c",
      });
    } catch (error) {
      throw this.fail(error, "conditional write", key);
    }
    return infoOf(key, file.metadata);
  }

  publicUrl(key: string): string {
    const base = this.config.publicBaseUrl?.replace(/\/+$/, "") ?? `https://storage.googleapis.com/${this.config.bucket}`;
    return `${base}/${this.path.encoded(key)}`;
  }

  private objectMetadata(options: PutOptions): FileMetadata {
    return {
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    };
  }

  private fail(error: unknown, operation: string, key?: string): Error {
    const { bucket, input, apiEndpoint } = this.config;
    return mapGcsError(error, { operation, url: this.url, bucket, key, input, apiEndpoint });
  }
}

function infoOf(key: string, metadata: FileMetadata): ObjectInfo {
  const custom: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata.metadata ?? {})) if (value !== null && value !== undefined) custom[name] = String(value);
  return {
    key,
    size: Number(metadata.size ?? 0),
    version: String(metadata.generation ?? ""),
    contentType: metadata.contentType,
    sha256: custom.sha256,
    updated: metadata.updated ? new Date(metadata.updated) : undefined,
    metadata: custom,
  };
}

import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AbortedError, ConfigError, ConflictError, NotFoundError, UpstreamError } from "../core/errors";
import { BucketPath } from "./bucket-path";
import type { StoreOptions } from "./open-store";
import { isInMemoryBody } from "./put-body";
import { mapS3Error, s3Status } from "./s3-errors";
import { choosePartSize } from "./s3-part-size";
import type { ObjectInfo, ObjectStore, PutBody, PutOptions } from "./types";

/** An S3 client for the store options; S3-compatible endpoints get path-style and no extra checksums. */
export function createS3Client(options: NonNullable<StoreOptions["s3"]> = {}): S3Client {
  return new S3Client({
    // A custom endpoint (MinIO, R2, s3rver) rarely cares about the region, but the SDK needs one.
    region: options.region ?? (options.endpoint ? "us-east-1" : undefined),
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    maxAttempts: 4,
    // S3-compatible stores reject or ignore the SDK's newer default CRC checksums.
    ...(options.endpoint ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
  });
}

export interface S3StoreConfig {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** Canonical store URL, s3://bucket/prefix. */
  url: string;
  /** The input that named the store, for error messages. */
  input: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  region?: string;
  publicBaseUrl?: string;
}

/** s3:// through @aws-sdk/client-s3, streamed multipart uploads through @aws-sdk/lib-storage. */
export class S3Store implements ObjectStore {
  readonly kind = "s3" as const;
  readonly url: string;
  readonly client: S3Client;
  private readonly path: BucketPath;

  constructor(private readonly config: S3StoreConfig) {
    this.url = config.url;
    this.client = config.client;
    this.path = new BucketPath(config.bucket, config.prefix);
  }

  async put(key: string, body: PutBody, options: PutOptions = {}): Promise<ObjectInfo> {
    const params = this.putParams(key, options);
    try {
      if (options.signal?.aborted) throw new AbortedError(`Upload of ${this.url}/${key} was aborted before it started`);
      if (isInMemoryBody(body)) {
        await this.client.send(new PutObjectCommand({ ...params, Body: Buffer.from(body) }), { abortSignal: options.signal });
      } else {
        await this.uploadStream(key, params, body, options);
      }
    } catch (error) {
      // The source's own failure (a compressor dying, a read error) is reported as it is.
      if (!isInMemoryBody(body) && body.errored === error) throw error;
      throw this.fail(error, "upload", key);
    }
    const info = await this.head(key);
    if (!info) throw new UpstreamError(`${this.url}/${key} is missing right after a successful upload`, { hint: "Check for a lifecycle rule or another writer deleting it.", retryable: true });
    return info;
  }

  private async uploadStream(key: string, params: PutObjectCommandInput, body: Readable, options: PutOptions): Promise<void> {
    const { partSize, queueSize } = choosePartSize(options.sizeHint);
    const upload = new Upload({ client: this.client, params: { ...params, Body: body }, partSize, queueSize, leavePartsOnError: false });
    // Abort by failing the source: lib-storage then aborts the multipart upload before done()
    // rejects (upload.abort() alone rejects at once and cleans up behind our back).
    const onAbort = () => body.destroy(new AbortedError(`Upload of ${this.url}/${key} was aborted`));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await upload.done();
    } catch (error) {
      // Stops any part still queued; completion never happens, so nothing lands under the key.
      await upload.abort();
      throw body.errored ?? error;
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  async get(key: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.path.full(key) }), { abortSignal: options.signal });
      return out.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError(`No object ${key} in ${this.url}`, { hint: "Check the key; `chainops store ls` lists what is there." });
      throw this.fail(error, "read", key);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.path.full(key) }));
      const metadata = out.Metadata ?? {};
      return {
        key,
        size: out.ContentLength ?? 0,
        version: out.ETag ?? "",
        contentType: out.ContentType,
        sha256: metadata.sha256,
        updated: out.LastModified,
        metadata,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw this.fail(error, "head", key);
    }
  }

  /** Listing carries no custom metadata (S3 does not return it): head() a key for its sha256. */
  async *list(prefix = ""): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.path.listPrefix(prefix), ContinuationToken: token, MaxKeys: 1000 }),
        );
      } catch (error) {
        throw this.fail(error, "list");
      }
      for (const object of page.Contents ?? []) {
        const key = this.path.relative(object.Key ?? "");
        // Skip "folder" markers that consoles create; they are not objects we can name.
        if (!key || key.endsWith("/")) continue;
        yield { key, size: object.Size ?? 0, version: object.ETag ?? "", updated: object.LastModified, metadata: {} };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.path.full(key) }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw this.fail(error, "delete", key);
    }
  }

  async putIfMatch(key: string, body: Buffer | string, version: string | null, options: PutOptions = {}): Promise<ObjectInfo> {
    const data = Buffer.from(body);
    const conditions = version === null ? { IfNoneMatch: "*" } : { IfMatch: version };
    let etag: string | undefined;
    try {
      const out = await this.client.send(new PutObjectCommand({ ...this.putParams(key, options), Body: data, ...conditions }), { abortSignal: options.signal });
      etag = out.ETag;
    } catch (error) {
      // If-Match on an object deleted meanwhile answers 404: that is a lost race too.
      if (version !== null && isNotFound(error)) throw new ConflictError(key, `${this.url}/${key} was deleted since it was read`);
      throw this.fail(error, "conditional write", key);
    }
    const metadata = options.metadata ?? {};
    return { key, size: data.length, version: etag ?? "", contentType: options.contentType, sha256: metadata.sha256, updated: new Date(), metadata };
  }

  /**
   * Stores an empty object whose x-amz-website-redirect-location points at target: an absolute
   * http(s) URL, a bucket-absolute path ("/…"), or a key of this store.
   */
  async setRedirect(key: string, target: string): Promise<void> {
    const location = /^https?:\/\//.test(target) || target.startsWith("/") ? target : `/${this.path.full(target)}`;
    if (/\s/.test(location)) throw new ConfigError("redirect target", "must not contain whitespace", { value: target, example: "/mainnet/latest.car.zst" });
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.config.bucket, Key: this.path.full(key), Body: Buffer.alloc(0), WebsiteRedirectLocation: location, CacheControl: "no-cache" }),
      );
    } catch (error) {
      throw this.fail(error, "redirect", key);
    }
  }

  publicUrl(key: string): string {
    const path = this.path.encoded(key);
    const { publicBaseUrl, endpoint, forcePathStyle, region, bucket } = this.config;
    if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, "")}/${path}`;
    if (endpoint) {
      const base = new URL(endpoint);
      if (forcePathStyle) return `${base.origin}/${bucket}/${path}`;
      return `${base.protocol}//${bucket}.${base.host}/${path}`;
    }
    return region ? `https://${bucket}.s3.${region}.amazonaws.com/${path}` : `https://${bucket}.s3.amazonaws.com/${path}`;
  }

  private putParams(key: string, options: PutOptions): PutObjectCommandInput {
    return {
      Bucket: this.config.bucket,
      Key: this.path.full(key),
      ContentType: options.contentType,
      CacheControl: options.cacheControl,
      Metadata: options.metadata,
    };
  }

  private fail(error: unknown, operation: string, key?: string): Error {
    const { bucket, input, endpoint } = this.config;
    return mapS3Error(error, { operation, url: this.url, bucket, key, input, endpoint });
  }
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "NoSuchKey" || name === "NotFound" || (s3Status(error) === 404 && name !== "NoSuchBucket");
}

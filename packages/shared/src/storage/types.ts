import type { Readable } from "node:stream";

/** What a store knows about one object. */
export interface ObjectInfo {
  /** Key relative to the store's root prefix. */
  key: string;
  size: number;
  /**
   * Opaque version token for compare-and-swap: GCS generation, S3 ETag,
   * file:// a content-derived token. Pass it back to putIfMatch.
   */
  version: string;
  contentType?: string;
  /** Lowercase hex sha256 of the stored bytes, when the object carries it (custom metadata `sha256`). */
  sha256?: string;
  updated?: Date;
  /** Custom metadata (x-amz-meta-*, GCS metadata, file:// sidecar). */
  metadata: Record<string, string>;
}

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
  /** Custom metadata; `sha256` here is what head() reports as sha256. */
  metadata?: Record<string, string>;
  signal?: AbortSignal;
  /** Expected size, lets multipart uploads choose a part size. */
  sizeHint?: number;
}

export type PutBody = Readable | Buffer | string;

/**
 * One interface for gs://, s3:// and file://. Keys are relative to the URL's prefix.
 * put() of a stream that errors or is aborted leaves nothing under the key.
 */
export interface ObjectStore {
  readonly kind: "gs" | "s3" | "file";
  /** Canonical URL of the store root, e.g. gs://bucket/prefix. */
  readonly url: string;
  put(key: string, body: PutBody, options?: PutOptions): Promise<ObjectInfo>;
  /** Streams the object; throws NotFoundError if absent. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<Readable>;
  /** null when absent. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Every object whose key starts with prefix, paging past 1000 keys. Order: lexicographic by key. */
  list(prefix?: string): AsyncIterable<ObjectInfo>;
  /** Idempotent: deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Compare-and-swap write. version = the token from head()/readJson(), or null for "must not exist yet".
   * Throws ConflictError when the object changed or appeared meanwhile.
   */
  putIfMatch(key: string, body: Buffer | string, version: string | null, options?: PutOptions): Promise<ObjectInfo>;
  /**
   * Website redirect (S3 x-amz-website-redirect-location) where the backend has it;
   * undefined on backends that do not (callers write a pointer JSON instead).
   */
  setRedirect?(key: string, target: string): Promise<void>;
  /** Where a consumer would download the key from (https:// for buckets, file:// for local). */
  publicUrl(key: string): string;
}

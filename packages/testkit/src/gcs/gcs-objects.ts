import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { CRC32C } from "@google-cloud/storage";

/** One stored object: bytes live in a file under the fake's temp dir, the rest in memory. */
export interface StoredObject {
  bucket: string;
  name: string;
  generation: number;
  metageneration: number;
  size: number;
  path: string;
  md5: string;
  crc32c: string;
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
  created: Date;
  updated: Date;
}

/** A GCS-style error: status plus the JSON API's error body. */
export class GcsFakeError extends Error {
  constructor(readonly status: number, message: string, readonly reason: string) {
    super(message);
  }
  body(): unknown {
    return { error: { code: this.status, message: this.message, errors: [{ message: this.message, domain: "global", reason: this.reason }] } };
  }
}

export interface Preconditions {
  ifGenerationMatch?: string;
  ifGenerationNotMatch?: string;
  ifMetagenerationMatch?: string;
  ifMetagenerationNotMatch?: string;
}

/** Object metadata a client may set on upload or patch. */
export interface WritableFields {
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string | null> | null;
}

/** Buckets and objects of the fake. Buckets are implicit unless a fixed list was given. */
export class GcsObjects {
  private readonly buckets: Set<string> | null;
  private readonly objects = new Map<string, StoredObject>();
  private nextGeneration = Date.now() * 1000;

  constructor(private readonly dir: string, buckets?: string[]) {
    this.buckets = buckets ? new Set(buckets) : null;
  }

  createBucket(name: string): void {
    this.buckets?.add(name);
  }

  checkBucket(bucket: string): void {
    if (this.buckets && !this.buckets.has(bucket)) throw new GcsFakeError(404, "The specified bucket does not exist.", "notFound");
  }

  get(bucket: string, name: string): StoredObject | undefined {
    this.checkBucket(bucket);
    return this.objects.get(`${bucket}/${name}`);
  }

  require(bucket: string, name: string): StoredObject {
    const object = this.get(bucket, name);
    if (!object) throw new GcsFakeError(404, `No such object: ${bucket}/${name}`, "notFound");
    return object;
  }

  /** Throws 412 like GCS when a precondition does not hold (generation 0 = "does not exist"). */
  checkPreconditions(bucket: string, name: string, pre: Preconditions): void {
    const current = this.get(bucket, name);
    const generation = current?.generation ?? 0;
    const failed = (what: string) => new GcsFakeError(412, `At least one of the pre-conditions you specified did not hold. (${what})`, "conditionNotMet");
    if (pre.ifGenerationMatch !== undefined && Number(pre.ifGenerationMatch) !== generation) throw failed("ifGenerationMatch");
    if (pre.ifGenerationNotMatch !== undefined && Number(pre.ifGenerationNotMatch) === generation) throw failed("ifGenerationNotMatch");
    if (pre.ifMetagenerationMatch !== undefined && Number(pre.ifMetagenerationMatch) !== (current?.metageneration ?? 0)) throw failed("ifMetagenerationMatch");
    if (pre.ifMetagenerationNotMatch !== undefined && Number(pre.ifMetagenerationNotMatch) === (current?.metageneration ?? 0)) {
      throw failed("ifMetagenerationNotMatch");
    }
  }

  /** A fresh temp path for incoming bytes. */
  tempPath(): string {
    return join(this.dir, `incoming-${randomBytes(8).toString("hex")}`);
  }

  /**
   * Makes the bytes at `path` the new generation of bucket/name, checking preconditions at
   * the moment of the swap (as GCS does), so two racing writers cannot both win.
   */
  async commit(bucket: string, name: string, path: string, fields: WritableFields, pre: Preconditions): Promise<StoredObject> {
    const { size, md5, crc32c } = await digestFile(path);
    const generation = ++this.nextGeneration;
    const finalPath = join(this.dir, `object-${generation}`);
    await rename(path, finalPath);
    // Nothing async between this check and the swap: check-and-set is atomic on the event loop.
    try {
      this.checkPreconditions(bucket, name, pre);
    } catch (error) {
      await rm(finalPath, { force: true });
      throw error;
    }
    const previous = this.objects.get(`${bucket}/${name}`);
    const now = new Date();
    const object: StoredObject = {
      bucket,
      name,
      generation,
      metageneration: 1,
      size,
      path: finalPath,
      md5,
      crc32c,
      contentType: fields.contentType ?? "application/octet-stream",
      cacheControl: fields.cacheControl,
      metadata: cleanMetadata(fields.metadata),
      created: now,
      updated: now,
    };
    this.objects.set(`${bucket}/${name}`, object);
    if (previous) await rm(previous.path, { force: true });
    return object;
  }

  patch(bucket: string, name: string, fields: WritableFields, pre: Preconditions): StoredObject {
    const object = this.require(bucket, name);
    this.checkPreconditions(bucket, name, pre);
    if (fields.contentType !== undefined) object.contentType = fields.contentType;
    if (fields.cacheControl !== undefined) object.cacheControl = fields.cacheControl;
    if (fields.metadata === null) object.metadata = undefined;
    else if (fields.metadata) object.metadata = cleanMetadata({ ...object.metadata, ...fields.metadata });
    object.metageneration += 1;
    object.updated = new Date();
    return object;
  }

  async delete(bucket: string, name: string, pre: Preconditions): Promise<void> {
    const object = this.require(bucket, name);
    this.checkPreconditions(bucket, name, pre);
    this.objects.delete(`${bucket}/${name}`);
    await rm(object.path, { force: true });
  }

  /** Objects of a bucket in name order (GCS lists lexicographically by UTF-8 bytes). */
  list(bucket: string): StoredObject[] {
    this.checkBucket(bucket);
    return [...this.objects.values()].filter((o) => o.bucket === bucket).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }
}

function cleanMetadata(metadata: Record<string, string | null> | null | undefined): Record<string, string> | undefined {
  if (!metadata) return undefined;
  const entries = Object.entries(metadata).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined);
  return entries.length ? Object.fromEntries(entries.map(([k, v]) => [k, String(v)])) : undefined;
}

async function digestFile(path: string): Promise<{ size: number; md5: string; crc32c: string }> {
  const md5 = createHash("md5");
  const crc = new CRC32C();
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    md5.update(buffer);
    crc.update(buffer);
    size += buffer.length;
  }
  return { size, md5: md5.digest("base64"), crc32c: crc.toString() };
}

/** The JSON API's object resource. */
export function objectResource(object: StoredObject, baseUrl: string): Record<string, unknown> {
  const encoded = encodeURIComponent(object.name);
  return {
    kind: "storage#object",
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${baseUrl}/storage/v1/b/${object.bucket}/o/${encoded}`,
    mediaLink: `${baseUrl}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: String(object.metageneration),
    contentType: object.contentType,
    storageClass: "STANDARD",
    size: String(object.size),
    md5Hash: object.md5,
    crc32c: object.crc32c,
    etag: Buffer.from(`${object.generation}/${object.metageneration}`).toString("base64"),
    timeCreated: object.created.toISOString(),
    updated: object.updated.toISOString(),
    timeStorageClassUpdated: object.created.toISOString(),
    ...(object.cacheControl ? { cacheControl: object.cacheControl } : {}),
    ...(object.metadata ? { metadata: object.metadata } : {}),
  };
}

import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomBytes } from "node:crypto";
import type { StoreOptions } from "@chainops/shared/storage";
import { GcsFakeError, GcsObjects, objectResource, type Preconditions, type StoredObject, type WritableFields } from "./gcs-objects";
import { parseMultipartRelated } from "./multipart-related";

/** One request the fake received, for assertions. */
export interface GcsRequest {
  method: string;
  /** Path without the query, still URL-encoded (object names appear as a%2Fb). */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  /** The status answered (0 while the answer is pending or when the connection dropped). */
  status: number;
}

/** A canned failure: the next `times` requests that match answer `status` instead. */
export interface GcsFailure {
  method?: string;
  path?: RegExp;
  status: number;
  reason?: string;
  message?: string;
  times?: number;
}

export interface GcsFake {
  /** http://127.0.0.1:<port>; give it to the client as apiEndpoint. */
  apiEndpoint: string;
  /** Options for openStore("gs://…") against this fake (anonymous, custom endpoint). */
  storeOptions(): StoreOptions;
  requests: GcsRequest[];
  createBucket(name: string): void;
  failNext(failure: GcsFailure): void;
  close(): Promise<void>;
}

interface UploadSession {
  bucket: string;
  name: string;
  fields: WritableFields;
  pre: Preconditions;
  path: string;
  received: number;
  done?: StoredObject;
}

const PRECONDITIONS = ["ifGenerationMatch", "ifGenerationNotMatch", "ifMetagenerationMatch", "ifMetagenerationNotMatch"] as const;

/**
 * A fake of the GCS JSON API subset that @google-cloud/storage uses: media, multipart and
 * resumable uploads (308 Resume Incomplete), download with ranges, object metadata get/patch,
 * list with prefix/delimiter/pagination, delete, generations and precondition 412s.
 * Object bytes spill to a temp dir, so large objects cost no memory.
 * Buckets exist on first use unless `buckets` is given (then others are 404). With `requireAuth`,
 * requests without an Authorization header get GCS's 401 for anonymous callers.
 */
export async function startGcs(options: { buckets?: string[]; requireAuth?: boolean } = {}): Promise<GcsFake> {
  const dir = await mkdtemp(join(tmpdir(), "chainops-gcs-fake-"));
  const objects = new GcsObjects(dir, options.buckets);
  const sessions = new Map<string, UploadSession>();
  const requests: GcsRequest[] = [];
  const failures: GcsFailure[] = [];
  let baseUrl = "";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const failure = error instanceof GcsFakeError ? error : new GcsFakeError(500, String((error as Error)?.message ?? error), "backendError");
      if (!res.headersSent && !res.destroyed) sendJson(res, failure.status, failure.body());
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const method = req.method ?? "GET";
    const query = Object.fromEntries(url.searchParams);
    const record: GcsRequest = { method, path: url.pathname, query, headers: req.headers, status: 0 };
    requests.push(record);
    res.once("finish", () => (record.status = res.statusCode));

    const failure = failures.find((f) => (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname)));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      req.resume();
      const error = new GcsFakeError(failure.status, failure.message ?? `Injected failure ${failure.status}`, failure.reason ?? "injected");
      sendJson(res, failure.status, error.body());
      return;
    }

    if (options.requireAuth && !req.headers.authorization) {
      req.resume();
      throw new GcsFakeError(401, "Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object.", "required");
    }
    const pre = preconditionsOf(query);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    // With STORAGE_EMULATOR_HOST the client drops the /storage/v1 base path.
    if (parts[0] === "b") parts.unshift("storage", "v1");
    // /upload/storage/v1/b/<bucket>/o
    if (parts[0] === "upload" && parts[3] === "b" && parts[5] === "o" && parts.length === 6) {
      const bucket = parts[4]!;
      if (method === "POST") return startUpload(req, res, bucket, query, pre);
      if (method === "PUT" && query.upload_id) return continueResumable(req, res, query.upload_id);
      if (method === "DELETE" && query.upload_id) {
        sessions.delete(query.upload_id);
        res.writeHead(499).end();
        return;
      }
    }
    // /storage/v1/b/<bucket>/o[/<name>] and /download/storage/v1/b/<bucket>/o/<name>
    const offset = parts[0] === "storage" ? 0 : parts[0] === "download" ? 1 : -1;
    if (offset >= 0 && parts[offset + 2] === "b" && parts[offset + 4] === "o") {
      const bucket = parts[offset + 3]!;
      const name = parts[offset + 5];
      if (name === undefined && method === "GET") return list(res, bucket, query);
      if (name !== undefined) {
        if (method === "GET" && (query.alt === "media" || offset === 1)) return download(req, res, bucket, name, query, pre);
        if (method === "GET") {
          const object = requireGeneration(bucket, name, query);
          objects.checkPreconditions(bucket, name, pre);
          return sendJson(res, 200, objectResource(object, baseUrl));
        }
        if (method === "PATCH" || method === "PUT") {
          const fields = (await readJson(req)) as WritableFields;
          return sendJson(res, 200, objectResource(objects.patch(bucket, name, fields, pre), baseUrl));
        }
        if (method === "DELETE") {
          await objects.delete(bucket, name, pre);
          res.writeHead(204).end();
          return;
        }
      }
    }
    // Bucket metadata (bucket.exists / getMetadata) and bucket creation.
    if (parts[0] === "storage" && parts[2] === "b" && parts.length === 4 && method === "GET") {
      objects.checkBucket(parts[3]!);
      return sendJson(res, 200, { kind: "storage#bucket", id: parts[3], name: parts[3], location: "US", storageClass: "STANDARD" });
    }
    if (parts[0] === "storage" && parts[2] === "b" && parts.length === 3 && method === "POST") {
      const body = (await readJson(req)) as { name?: string };
      if (!body.name) throw new GcsFakeError(400, "Bucket name required", "required");
      objects.createBucket(body.name);
      return sendJson(res, 200, { kind: "storage#bucket", id: body.name, name: body.name });
    }
    req.resume();
    throw new GcsFakeError(404, `The GCS fake does not implement ${method} ${url.pathname}`, "notImplemented");
  }

  async function startUpload(req: IncomingMessage, res: ServerResponse, bucket: string, query: Record<string, string>, pre: Preconditions) {
    objects.checkBucket(bucket);
    const type = query.uploadType ?? "media";
    if (type === "resumable") {
      const fields = ((await readJson(req)) ?? {}) as WritableFields & { name?: string };
      const name = query.name ?? fields.name;
      if (!name) throw new GcsFakeError(400, "Required parameter: name", "required");
      objects.checkPreconditions(bucket, name, pre);
      const id = randomBytes(12).toString("hex");
      const path = objects.tempPath();
      await writeFile(path, "");
      const contentType = req.headers["x-upload-content-type"];
      sessions.set(id, { bucket, name, fields: { ...fields, contentType: fields.contentType ?? (typeof contentType === "string" ? contentType : undefined) }, pre, path, received: 0 });
      const location = new URL(`${baseUrl}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`);
      location.searchParams.set("uploadType", "resumable");
      location.searchParams.set("name", name);
      location.searchParams.set("upload_id", id);
      res.writeHead(200, { Location: location.href, "Content-Length": "0" }).end();
      return;
    }
    const path = objects.tempPath();
    let fields: WritableFields & { name?: string } = {};
    if (type === "multipart") {
      const body = await readBody(req);
      const [meta, media] = parseMultipartRelated(body, req.headers["content-type"] ?? "");
      if (!meta || !media) throw new GcsFakeError(400, "multipart upload needs a metadata part and a media part", "invalid");
      fields = JSON.parse(meta.body.toString("utf8") || "{}") as typeof fields;
      fields.contentType ??= media.headers["content-type"];
      await writeFile(path, media.body);
    } else if (type === "media") {
      fields.contentType = req.headers["content-type"];
      await pipeline(req, createWriteStream(path));
    } else {
      req.resume();
      throw new GcsFakeError(400, `Unknown uploadType ${type}`, "invalid");
    }
    const name = query.name ?? fields.name;
    if (!name) {
      await rm(path, { force: true });
      throw new GcsFakeError(400, "Required parameter: name", "required");
    }
    sendJson(res, 200, objectResource(await commitOrDiscard(bucket, name, path, fields, pre), baseUrl));
  }

  async function commitOrDiscard(bucket: string, name: string, path: string, fields: WritableFields, pre: Preconditions): Promise<StoredObject> {
    try {
      return await objects.commit(bucket, name, path, fields, pre);
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  async function continueResumable(req: IncomingMessage, res: ServerResponse, id: string) {
    const session = sessions.get(id);
    if (!session) {
      req.resume();
      throw new GcsFakeError(404, "No such upload session", "notFound");
    }
    if (session.done) {
      req.resume();
      return sendJson(res, 200, objectResource(session.done, baseUrl));
    }
    const range = String(req.headers["content-range"] ?? "bytes */*");
    const status = /^bytes \*\/(\d+|\*)$/.exec(range);
    const chunk = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(range);
    let total: number | undefined;
    let endsWithRequest = false;
    if (status) {
      req.resume();
      total = status[1] === "*" ? undefined : Number(status[1]);
    } else if (chunk) {
      const start = Number(chunk[1]);
      if (start > session.received) {
        req.resume();
        throw new GcsFakeError(400, `Chunk starts at ${start} but only ${session.received} bytes were received`, "invalid");
      }
      total = chunk[3] === "*" ? undefined : Number(chunk[3]);
      // "bytes N-*/*" streams the rest of the object in this one request.
      endsWithRequest = chunk[2] === "*";
      let skip = session.received - start;
      const dropResent = new Transform({
        transform(data: Buffer, _encoding, callback) {
          if (skip >= data.length) {
            skip -= data.length;
            callback();
          } else {
            const rest = data.subarray(skip);
            skip = 0;
            session.received += rest.length;
            callback(null, rest);
          }
        },
      });
      // An aborted request keeps what arrived (as GCS does) but never completes the object.
      await pipeline(req, dropResent, createWriteStream(session.path, { flags: "a" }));
    } else {
      req.resume();
      throw new GcsFakeError(400, `Bad Content-Range: ${range}`, "invalid");
    }
    if (endsWithRequest || (total !== undefined && session.received >= total)) {
      try {
        session.done = await commitOrDiscard(session.bucket, session.name, session.path, session.fields, session.pre);
      } catch (error) {
        sessions.delete(id);
        throw error;
      }
      return sendJson(res, 200, objectResource(session.done, baseUrl));
    }
    const headers: Record<string, string> = { "Content-Length": "0" };
    if (session.received > 0) headers.Range = `bytes=0-${session.received - 1}`;
    res.writeHead(308, headers).end();
  }

  function requireGeneration(bucket: string, name: string, query: Record<string, string>): StoredObject {
    const object = objects.require(bucket, name);
    if (query.generation && Number(query.generation) !== object.generation) {
      throw new GcsFakeError(404, `No such object: ${bucket}/${name}#${query.generation}`, "notFound");
    }
    return object;
  }

  async function download(req: IncomingMessage, res: ServerResponse, bucket: string, name: string, query: Record<string, string>, pre: Preconditions) {
    const object = requireGeneration(bucket, name, query);
    objects.checkPreconditions(bucket, name, pre);
    const headers: Record<string, string> = {
      "Content-Type": object.contentType ?? "application/octet-stream",
      "x-goog-generation": String(object.generation),
      "x-goog-metageneration": String(object.metageneration),
      "x-goog-hash": `crc32c=${object.crc32c},md5=${object.md5}`,
      "x-goog-stored-content-encoding": "identity",
      "x-goog-stored-content-length": String(object.size),
      "Accept-Ranges": "bytes",
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
    let start = 0;
    let end = object.size - 1;
    if (range && (range[1] || range[2])) {
      if (range[1]) {
        start = Number(range[1]);
        if (range[2]) end = Math.min(end, Number(range[2]));
      } else {
        start = Math.max(0, object.size - Number(range[2]));
      }
      if (start >= object.size) {
        res.writeHead(416, { "Content-Range": `bytes */${object.size}` }).end();
        return;
      }
      // A range response has no whole-object hash to check against.
      delete headers["x-goog-hash"];
      res.writeHead(206, { ...headers, "Content-Range": `bytes ${start}-${end}/${object.size}`, "Content-Length": String(end - start + 1) });
    } else {
      res.writeHead(200, { ...headers, "Content-Length": String(object.size) });
    }
    if (object.size === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(object.path, { start, end }), res);
  }

  function list(res: ServerResponse, bucket: string, query: Record<string, string>) {
    const prefix = query.prefix ?? "";
    const delimiter = query.delimiter;
    const maxResults = Math.min(Number(query.maxResults ?? 1000) || 1000, 1000);
    const after = query.pageToken ? Buffer.from(query.pageToken, "base64url").toString("utf8") : undefined;
    const entries: Array<{ key: string; object?: StoredObject }> = [];
    const seenPrefixes = new Set<string>();
    for (const object of objects.list(bucket)) {
      if (!object.name.startsWith(prefix)) continue;
      if (query.startOffset && object.name < query.startOffset) continue;
      if (query.endOffset && object.name >= query.endOffset) continue;
      const cut = delimiter ? object.name.indexOf(delimiter, prefix.length) : -1;
      if (delimiter && cut !== -1) {
        const common = object.name.slice(0, cut + delimiter.length);
        if (!seenPrefixes.has(common)) {
          seenPrefixes.add(common);
          entries.push({ key: common });
        }
      } else {
        entries.push({ key: object.name, object });
      }
    }
    const remaining = after === undefined ? entries : entries.filter((e) => e.key > after);
    const page = remaining.slice(0, maxResults);
    const body: Record<string, unknown> = { kind: "storage#objects" };
    const items = page.filter((e) => e.object).map((e) => objectResource(e.object!, baseUrl));
    const prefixes = page.filter((e) => !e.object).map((e) => e.key);
    if (items.length) body.items = items;
    if (prefixes.length) body.prefixes = prefixes;
    if (remaining.length > page.length) body.nextPageToken = Buffer.from(page[page.length - 1]!.key).toString("base64url");
    sendJson(res, 200, body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiEndpoint: baseUrl,
    storeOptions: () => ({ gcs: { apiEndpoint: baseUrl, projectId: "chainops-test", anonymous: true } }),
    requests,
    createBucket: (name) => objects.createBucket(name),
    failNext: (failure) => void failures.push({ ...failure }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function preconditionsOf(query: Record<string, string>): Preconditions {
  const pre: Preconditions = {};
  for (const name of PRECONDITIONS) if (query[name] !== undefined) pre[name] = query[name];
  return pre;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=UTF-8", "Content-Length": Buffer.byteLength(text) }).end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new GcsFakeError(400, "Request body is not JSON", "parseError");
  }
}

import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StoreOptions } from "@chainops/shared/storage";

/** One request the server received, for assertions. */
export interface ConditionalS3Request {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  status: number;
}

export interface ConditionalS3 {
  endpoint: string;
  requests: ConditionalS3Request[];
  storeOptions(): StoreOptions;
  /** Answer the next `times` PUTs with this S3 error instead (e.g. 409 ConditionalRequestConflict). */
  failNextPut(status: number, code: string, times?: number): void;
  close(): Promise<void>;
}

interface Stored {
  body: Buffer;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
}

/**
 * A minimal path-style S3 endpoint (HEAD, GET, PUT, DELETE of small objects) that honours
 * If-Match / If-None-Match on PUT the way S3 does (412 PreconditionFailed). s3rver ignores
 * those headers, so CAS on S3 is tested against this with the real SDK.
 */
export async function startConditionalS3(): Promise<ConditionalS3> {
  const objects = new Map<string, Stored>();
  const requests: ConditionalS3Request[] = [];
  const failures: Array<{ status: number; code: string; times: number }> = [];

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://local").pathname);
    const status = answer(req, res, path, Buffer.concat(chunks));
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, status });
  });

  function answer(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): number {
    const current = objects.get(path);
    switch (req.method) {
      case "HEAD":
      case "GET": {
        if (!current) return req.method === "HEAD" ? send(res, 404) : sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
        const headers: Record<string, string> = { ETag: current.etag, "Content-Length": String(current.body.length), "Last-Modified": new Date().toUTCString() };
        if (current.contentType) headers["Content-Type"] = current.contentType;
        for (const [name, value] of Object.entries(current.metadata)) headers[`x-amz-meta-${name}`] = value;
        res.writeHead(200, headers).end(req.method === "GET" ? current.body : undefined);
        return 200;
      }
      case "PUT": {
        const failure = failures[0];
        if (failure) {
          if (--failure.times <= 0) failures.shift();
          return sendError(res, failure.status, failure.code, "Injected failure");
        }
        const ifMatch = req.headers["if-match"];
        const ifNoneMatch = req.headers["if-none-match"];
        if (ifMatch !== undefined && !current) return sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
        if ((ifMatch !== undefined && current?.etag !== ifMatch) || (ifNoneMatch === "*" && current)) {
          return sendError(res, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        const metadata: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (name.startsWith("x-amz-meta-") && typeof value === "string") metadata[name.slice("x-amz-meta-".length)] = value;
        }
        const etag = `"${createHash("md5").update(body).digest("hex")}"`;
        objects.set(path, { body, etag, contentType: req.headers["content-type"], metadata });
        res.writeHead(200, { ETag: etag, "Content-Length": "0" }).end();
        return 200;
      }
      case "DELETE":
        objects.delete(path);
        return send(res, 204);
      default:
        return sendError(res, 405, "MethodNotAllowed", `${req.method} is not supported here`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    requests,
    storeOptions: () => ({ s3: { endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "test", secretAccessKey: "test" } } }),
    failNextPut: (status, code, times = 1) => void failures.push({ status, code, times }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number): number {
  res.writeHead(status, { "Content-Length": "0" }).end();
  return status;
}

function sendError(res: ServerResponse, status: number, code: string, message: string): number {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": String(Buffer.byteLength(xml)) }).end(xml);
  return status;
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { BusyError, ConfigError, describeError, type Logger } from "@chainops/shared";
import type { CanaryCommand } from "./grammar";
import { DOCKER_TAG } from "./image-tag";
import { executeCanaryCommand, type CanaryDeps, type CanarySettings } from "./operations";
import type { ReleaseMatcher } from "./release-names";

/**
 * tweety's JSON-RPC API, so existing callers keep working: POST / with
 * {"jsonrpc":"2.0","method":"TweetyService.Upgrade","params":[{"ReleaseName":…,"ImageTag":…,"Owner":…}],"id":1}.
 * Params are an array of one object (Go net/rpc style); a bare object is accepted too.
 * Answers {"jsonrpc":"2.0","result":{"Result":"…"},"id":1} like tweety's {Result string} replies.
 */
type Field = "ReleaseName" | "ImageTag" | "Owner";
interface MethodSpec {
  command: CanaryCommand;
  required: Field[];
}
export const TWEETY_METHODS: Record<string, MethodSpec> = {
  "TweetyService.Upgrade": { command: "upgrade", required: ["ReleaseName", "ImageTag", "Owner"] },
  "TweetyService.InstallSnapshot": { command: "install-snapshot", required: ["ReleaseName", "ImageTag"] },
  "TweetyService.CreateCanary": { command: "create", required: ["ReleaseName", "ImageTag"] },
  "TweetyService.DeleteCanary": { command: "delete", required: ["ReleaseName"] },
  "TweetyService.Acquire": { command: "acquire", required: ["ReleaseName", "Owner"] },
  "TweetyService.Release": { command: "release", required: ["ReleaseName", "Owner"] },
};

export const RPC_ERRORS = { parse: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, internal: -32603, busy: -32000, failed: -32001 } as const;

const OWNER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const MAX_BODY = 64 * 1024;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export interface TweetyServerOptions {
  host?: string;
  port: number;
  /** Bearer token; required when host is not loopback. */
  token?: string;
  settings: CanarySettings;
  releases: ReleaseMatcher;
  deps: CanaryDeps;
  logger: Logger;
}

export interface TweetyServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class RpcError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
  }
}

type Id = string | number | null;
interface RpcResponse {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

const errorResponse = (id: Id, error: RpcError): RpcResponse => ({
  jsonrpc: "2.0",
  id,
  error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) },
});

function paramsOf(method: string, spec: MethodSpec, params: unknown, releases: ReleaseMatcher): Record<Field, string | undefined> {
  const object = Array.isArray(params) ? (params.length === 1 ? params[0] : undefined) : params;
  if (!object || typeof object !== "object" || Array.isArray(object)) {
    throw new RpcError(RPC_ERRORS.invalidParams, `${method} takes params [{${spec.required.join(", ")}}]`);
  }
  const record = object as Record<string, unknown>;
  const out = {} as Record<Field, string | undefined>;
  for (const field of ["ReleaseName", "ImageTag", "Owner"] as Field[]) {
    const value = record[field];
    if (value === undefined || value === "") {
      if (spec.required.includes(field)) throw new RpcError(RPC_ERRORS.invalidParams, `missing ${field} param`);
      continue;
    }
    if (typeof value !== "string") throw new RpcError(RPC_ERRORS.invalidParams, `${field} must be a string`);
    out[field] = value;
  }
  if (!releases.matches(out.ReleaseName!)) throw new RpcError(RPC_ERRORS.invalidParams, `ReleaseName is not a configured canary (${releases.describe()})`);
  if (out.ImageTag !== undefined && !DOCKER_TAG.test(out.ImageTag)) throw new RpcError(RPC_ERRORS.invalidParams, "ImageTag is not a valid image tag");
  if (out.Owner !== undefined && !OWNER.test(out.Owner)) throw new RpcError(RPC_ERRORS.invalidParams, "Owner may only hold letters, digits and . _ @ -");
  return out;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `chainops canary serve`: the JSON-RPC endpoint. One operation per release at a time. */
export async function startTweetyServer(options: TweetyServerOptions): Promise<TweetyServer> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host) && !options.token) {
    throw new ConfigError("token", `is required when binding to ${host} (anyone who can reach the port could deploy)`, { example: "--token-file /etc/chainops/rpc-token" });
  }
  const { logger } = options;
  const queues = new Map<string, Promise<unknown>>();
  const serialized = <T>(release: string, fn: () => Promise<T>): Promise<T> => {
    const previous = queues.get(release) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    queues.set(release, next);
    return next;
  };

  const call = async (request: unknown): Promise<RpcResponse | null> => {
    if (!request || typeof request !== "object" || Array.isArray(request)) return errorResponse(null, new RpcError(RPC_ERRORS.invalidRequest, "Invalid Request"));
    const { jsonrpc, method, params, id } = request as Record<string, unknown>;
    const validId = id === undefined || id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
    const responseId: Id = validId ? ((id as Id | undefined) ?? null) : null;
    if (jsonrpc !== "2.0" || typeof method !== "string" || !validId) {
      return errorResponse(responseId, new RpcError(RPC_ERRORS.invalidRequest, "Invalid Request: need jsonrpc \"2.0\", a method string and a string/number id"));
    }
    const spec = TWEETY_METHODS[method];
    try {
      if (!spec) throw new RpcError(RPC_ERRORS.methodNotFound, `Method not found: ${method.slice(0, 64)}`, { methods: Object.keys(TWEETY_METHODS) });
      const p = paramsOf(method, spec, params, options.releases);
      const result = await serialized(p.ReleaseName!, () =>
        executeCanaryCommand({ command: spec.command, release: p.ReleaseName, imageTag: p.ImageTag, owner: p.Owner }, options.settings, options.deps),
      );
      logger.info(`${method} ${p.ReleaseName}: ${result.summary}`);
      return id === undefined ? null : { jsonrpc: "2.0", id: responseId, result: { Result: result.summary } };
    } catch (error) {
      const rpc =
        error instanceof RpcError
          ? error
          : error instanceof BusyError
            ? new RpcError(RPC_ERRORS.busy, error.message, { hint: error.hint })
            : error instanceof ConfigError
              ? new RpcError(RPC_ERRORS.invalidParams, error.message)
              : new RpcError(RPC_ERRORS.failed, describeError(error).split("\n")[0]!, { detail: describeError(error) });
      if (!(error instanceof RpcError)) logger.warning(`${method}: ${describeError(error)}`);
      return id === undefined ? null : errorResponse(responseId, rpc);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method !== "POST") return send(405, errorResponse(null, new RpcError(RPC_ERRORS.invalidRequest, "Use POST with a JSON-RPC 2.0 body")));
    if (options.token) {
      const header = req.headers.authorization ?? "";
      if (!header.startsWith("Bearer ") || !sameToken(header.slice(7), options.token)) {
        return send(401, errorResponse(null, new RpcError(RPC_ERRORS.invalidRequest, "Unauthorized: send Authorization: Bearer <token>")));
      }
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return send(413, errorResponse(null, new RpcError(RPC_ERRORS.invalidRequest, `Request body over ${MAX_BODY} bytes`)));
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(200, errorResponse(null, new RpcError(RPC_ERRORS.parse, "Parse error")));
    }
    if (Array.isArray(body)) {
      if (body.length === 0) return send(200, errorResponse(null, new RpcError(RPC_ERRORS.invalidRequest, "Invalid Request: empty batch")));
      const answers = (await Promise.all(body.map(call))).filter((a): a is RpcResponse => a !== null);
      return answers.length ? send(200, answers) : send(204, undefined);
    }
    const answer = await call(body);
    return answer ? send(200, answer) : send(204, undefined);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      logger.error(`JSON-RPC handler failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify(errorResponse(null, new RpcError(RPC_ERRORS.internal, "Internal error"))));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

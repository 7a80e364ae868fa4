import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface CapturedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** JSON or form bodies parsed into an object; other bodies as text; undefined when empty. */
  body: unknown;
  rawBody: string;
  /** Path parameters of the route that answered (":zone" → params.zone). */
  params: Record<string, string>;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export interface CaptureRoute {
  /** Any method when omitted. */
  method?: string;
  /** "/api/chat.postMessage", "/client/v4/zones/:zone/dns_records/:id", or a RegExp on the path. */
  path: string | RegExp;
  /** A fixed answer or a function of the request; default 200 {}. */
  respond?: CannedResponse | ((request: CapturedRequest) => CannedResponse | Promise<CannedResponse>);
  /** Answer only this many times, then fall through to later routes (e.g. fail twice, then succeed). */
  times?: number;
}

export interface CaptureServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** Every request received, in order, matched or not. */
  requests: CapturedRequest[];
  /** Requests to one path (and method). */
  requestsTo(path: string, method?: string): CapturedRequest[];
  /** Adds routes in front of the existing ones (to make the next calls fail, say). */
  prepend(...routes: CaptureRoute[]): void;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 (port 0) that records every request and answers from routes,
 * first match wins; an unmatched request gets 404 and is still recorded. Real SDK clients are
 * pointed at it and tests assert on what they sent.
 */
export async function startCaptureServer(options: { routes?: CaptureRoute[] } = {}): Promise<CaptureServer> {
  const routes = (options.routes ?? []).map(compile);
  const requests: CapturedRequest[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request: CapturedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: parseBody(rawBody, req.headers["content-type"]),
        rawBody,
        params: {},
      };
      requests.push(request);
      let answer: CannedResponse = { status: 404, body: { error: `no capture route for ${request.method} ${request.path}` } };
      for (const route of routes) {
        if (route.used >= route.times) continue;
        if (route.method && route.method !== request.method) continue;
        const params = route.match(request.path);
        if (!params) continue;
        route.used++;
        request.params = params;
        const respond = route.respond ?? {};
        answer = typeof respond === "function" ? await respond(request) : respond;
        break;
      }
      const isText = typeof answer.body === "string";
      const payload = answer.body === undefined ? "" : isText ? (answer.body as string) : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, {
        "content-type": isText ? "text/plain" : "application/json",
        ...answer.headers,
      });
      res.end(payload);
    })().catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`capture server error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path, method) => requests.filter((r) => r.path === path && (!method || r.method === method)),
    prepend: (...extra) => routes.unshift(...extra.map(compile)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface CompiledRoute {
  method: string | undefined;
  match: (path: string) => Record<string, string> | undefined;
  respond: CaptureRoute["respond"];
  times: number;
  used: number;
}

function compile(route: CaptureRoute): CompiledRoute {
  return {
    method: route.method?.toUpperCase(),
    match: typeof route.path === "string" ? matchPattern(route.path) : matchRegExp(route.path),
    respond: route.respond,
    times: route.times ?? Infinity,
    used: 0,
  };
}

function matchPattern(pattern: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        names.push(segment.slice(1));
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  const regexp = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = regexp.exec(path);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  };
}

function matchRegExp(regexp: RegExp): (path: string) => Record<string, string> | undefined {
  return (path) => {
    const match = regexp.exec(path);
    return match ? { ...match.groups } : undefined;
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes("application/json")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

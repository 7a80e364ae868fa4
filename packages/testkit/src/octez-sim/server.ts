import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Clock } from "@chainops/shared";
import { OctezSimChain } from "./chain";

export interface OctezVersionInfo {
  major: number;
  minor: number;
  build?: number;
  /** "release", "dev", or {rc: n} … as /version prints it. */
  additional_info?: unknown;
  commit_hash?: string;
  commit_date?: string;
}

export interface StartOctezSimOptions {
  clock: Clock;
  network?: string;
  blockIntervalMs?: number;
  headLevel?: number;
  version?: OctezVersionInfo;
  /** Answer is_bootstrapped with false / "unsynced" (default bootstrapped). */
  bootstrapped?: boolean;
  /** The storage history mode GET /config/history_mode reports (default rolling). */
  historyMode?: "rolling" | "archive" | "full";
}

export interface OctezSimRequest {
  method: string;
  path: string;
}

export interface OctezSim {
  /** http://127.0.0.1:<port> */
  url: string;
  /** host:port, as octez-node's config.json lists RPC listen addresses. */
  listenAddr: string;
  chain: OctezSimChain;
  requests: OctezSimRequest[];
  setBootstrapped(bootstrapped: boolean): void;
  setVersion(version: OctezVersionInfo): void;
  setHistoryMode(mode: "rolling" | "archive" | "full"): void;
  /** The next n requests get their connection dropped (a transport error, not an HTTP error). */
  dropConnections(n: number): void;
  /** The /version body as served (for assertions). */
  versionBody(): Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The Octez RPCs chainops uses, on 127.0.0.1 port 0: /version, /chains/main/blocks/<id>/header
 * (head, head~N, level, hash), /chains/main/is_bootstrapped and /config/history_mode. Shapes
 * follow docs/api/*.json.
 */
export async function startOctezSim(options: StartOctezSimOptions): Promise<OctezSim> {
  const chain = new OctezSimChain({ clock: options.clock, network: options.network, blockIntervalMs: options.blockIntervalMs, headLevel: options.headLevel });
  let bootstrapped = options.bootstrapped ?? true;
  let version: OctezVersionInfo = options.version ?? { major: 23, minor: 1 };
  let historyMode = options.historyMode ?? "rolling";
  let drop = 0;
  const requests: OctezSimRequest[] = [];
  const sockets = new Set<Socket>();

  const versionBody = () => ({
    version: { major: version.major, minor: version.minor, build: version.build ?? 0, additional_info: version.additional_info ?? "release" },
    network_version: { chain_name: chain.chainName, distributed_db_version: 2, p2p_version: 1 },
    commit_info: { commit_hash: version.commit_hash ?? "4a8bc52f1e4b0a9a7c3d9e6f2b1a0c8d7e6f5a4b", commit_date: version.commit_date ?? "2025-11-12 10:00:00 +0000" },
  });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://sim").pathname;
    requests.push({ method: req.method ?? "GET", path });
    if (drop > 0) {
      drop--;
      req.socket.destroy();
      return;
    }
    if (req.method !== "GET") return send(res, 405, "Method not allowed");
    if (path === "/version") return send(res, 200, versionBody());
    if (path === "/config/history_mode") return send(res, 200, historyModeBody(historyMode));
    const chainMatch = /^\/chains\/(main|[A-Za-z0-9]+)\/(.+)$/.exec(path);
    if (!chainMatch || (chainMatch[1] !== "main" && chainMatch[1] !== chain.chainId)) return send(res, 404, "Not found");
    const rest = chainMatch[2]!;
    if (rest === "is_bootstrapped") return send(res, 200, { bootstrapped, sync_state: bootstrapped ? "synced" : "unsynced" });
    const header = /^blocks\/([^/]+)\/header$/.exec(rest);
    if (header) {
      const block = chain.resolve(decodeURIComponent(header[1]!));
      if (!block) return send(res, 404, "Not found");
      return send(res, 200, chain.header(block));
    }
    return send(res, 404, "Not found");
  };

  const server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    listenAddr: `127.0.0.1:${port}`,
    chain,
    requests,
    setBootstrapped: (value) => { bootstrapped = value; },
    setVersion: (value) => { version = value; },
    setHistoryMode: (value) => { historyMode = value; },
    dropConnections: (n) => { drop = n; },
    versionBody,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** GET /config/history_mode as octez answers it: "archive", or {rolling|full: {additional_cycles}} with the preserved cycles. */
export function historyModeBody(mode: "rolling" | "archive" | "full"): Record<string, unknown> {
  return mode === "archive" ? { history_mode: "archive" } : { history_mode: { [mode]: { additional_cycles: 1 } }, blocks_preservation_cycles: 1 };
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Clock } from "@chainops/shared";

/** Which JSON gateway forms a simulated node answers. */
export type SimApi = "v1" | "v2beta1" | "both";

export interface SimNodeOptions {
  api?: SimApi;
  /** Accounts and their balances in smidge. */
  accounts?: Record<string, bigint | number | string>;
  connectedPeers?: number;
}

/** One simulated go-spacemesh node; the test drives it. */
export interface SimNode {
  readonly name: string;
  api: SimApi;
  connectedPeers: number;
  accounts: Map<string, bigint>;
  /** Layers stop advancing at the current one, and the node reports not synced. */
  stall(): void;
  /** Layers follow the clock again. */
  resume(): void;
  /** Hang up on every request (a dead node: connection reset), until up(). */
  down(): void;
  up(): void;
  /** The layer the clock says it is (genesis + n·layer duration). */
  currentLayer(): number;
  /** The layer the node reports as its top. */
  topLayer(): number;
}

export interface StartSpacemeshSimOptions {
  clock: Clock;
  /** RFC3339; layer 0 starts then. */
  genesisTime: string;
  layerDurationMs: number;
  /** The nodes, each served under /<name>/… (name "" serves at the root). Default one node "". */
  nodes?: Record<string, SimNodeOptions>;
}

export interface SpacemeshSim {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The gateway URL of one node (the root URL plus /<name>). */
  urlOf(name: string): string;
  node(name: string): SimNode;
  addNode(name: string, options?: SimNodeOptions): SimNode;
  requests: Array<{ node: string; method: string; path: string }>;
  close(): Promise<void>;
}

/**
 * go-spacemesh's JSON gateway as grpc-gateway serves it: v1 (POST /v1/node/status,
 * POST /v1/globalstate/account, body "*") and v2beta1 (GET /spacemesh.v2beta1.NodeService/Status,
 * GET /spacemesh.v2beta1.AccountService/List?addresses=…), protojson (lowerCamelCase, uint64 as
 * strings, enums by name). Unknown routes answer 404 {code: 5, message: "Not Found"} as the gateway does.
 */
export async function startSpacemeshSim(options: StartSpacemeshSimOptions): Promise<SpacemeshSim> {
  const genesisMs = Date.parse(options.genesisTime);
  const nodes = new Map<string, SimNode>();
  const requests: SpacemeshSim["requests"] = [];
  const sockets = new Set<Socket>();
  const clockLayer = () => Math.max(0, Math.floor((options.clock.now() - genesisMs) / options.layerDurationMs));

  function addNode(name: string, nodeOptions: SimNodeOptions = {}): SimNode {
    let stalledAt: number | undefined;
    let dead = false;
    const node: SimNode & { dead(): boolean } = {
      name,
      api: nodeOptions.api ?? "both",
      connectedPeers: nodeOptions.connectedPeers ?? 8,
      accounts: new Map(Object.entries(nodeOptions.accounts ?? {}).map(([a, b]) => [a, BigInt(b)])),
      stall: () => { stalledAt ??= clockLayer(); },
      resume: () => { stalledAt = undefined; },
      down: () => { dead = true; },
      up: () => { dead = false; },
      currentLayer: clockLayer,
      topLayer: () => stalledAt ?? clockLayer(),
      dead: () => dead,
    };
    nodes.set(name, node);
    return node;
  }
  for (const [name, nodeOptions] of Object.entries(options.nodes ?? { "": {} })) addNode(name, nodeOptions);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { code: 13, message: (error as Error).message }));
  });
  server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [first, ...rest] = url.pathname.split("/").slice(1);
    const node = nodes.get(first ?? "") ?? nodes.get("");
    const path = node && node.name !== "" ? `/${rest.join("/")}` : url.pathname;
    const body = await readJson(req);
    requests.push({ node: node?.name ?? "?", method: req.method ?? "GET", path });
    if (!node) return send(res, 404, { code: 5, message: "Not Found" });
    if ((node as SimNode & { dead(): boolean }).dead()) {
      req.socket.destroy();
      return;
    }
    const v1 = node.api !== "v2beta1";
    const v2 = node.api !== "v1";
    const top = node.topLayer();
    const synced = top === clockLayer() && top > 0;
    if (v1 && req.method === "POST" && path === "/v1/node/status") {
      return send(res, 200, {
        status: {
          connectedPeers: String(node.connectedPeers),
          isSynced: synced,
          syncedLayer: { number: Math.max(0, top - 1) },
          topLayer: { number: top },
          verifiedLayer: { number: Math.max(0, top - 2) },
        },
      });
    }
    if (v1 && req.method === "POST" && path === "/v1/globalstate/account") {
      const address = (body as { accountId?: { address?: string } }).accountId?.address ?? "";
      const balance = node.accounts.get(address) ?? 0n;
      const state = { counter: "0", balance: { value: balance.toString() } };
      return send(res, 200, { accountWrapper: { accountId: { address }, stateCurrent: state, stateProjected: state } });
    }
    if (v2 && req.method === "GET" && path === "/spacemesh.v2beta1.NodeService/Status") {
      return send(res, 200, {
        connectedPeers: String(node.connectedPeers),
        status: synced ? "SYNC_STATUS_SYNCED" : "SYNC_STATUS_SYNCING",
        latestLayer: top,
        appliedLayer: Math.max(0, top - 1),
        processedLayer: Math.max(0, top - 2),
        currentLayer: clockLayer(),
      });
    }
    if (v2 && req.method === "GET" && path === "/spacemesh.v2beta1.AccountService/List") {
      const addresses = url.searchParams.getAll("addresses");
      const accounts = addresses.map((address) => {
        const balance = (node.accounts.get(address) ?? 0n).toString();
        const state = { counter: "0", balance, layer: Math.max(0, top - 1) };
        return { address, current: state, projected: state, template: "" };
      });
      return send(res, 200, { accounts });
    }
    send(res, 404, { code: 5, message: "Not Found", details: [] });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    urlOf: (name) => (name ? `${url}/${name}` : url),
    node: (name) => {
      const node = nodes.get(name);
      if (!node) throw new Error(`no simulated node ${name}`);
      return node;
    },
    addNode,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

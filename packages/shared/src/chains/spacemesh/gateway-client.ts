import { UpstreamError } from "../../core/errors";
import { formatDuration } from "../../config/duration";
import { parseHttpUrl } from "../../config/fields";

/** Which JSON gateway a go-spacemesh node serves: v1 (POST /v1/…) or v2beta1 (GET /spacemesh.v2beta1.…). */
export type GatewayApi = "v1" | "v2beta1";

/** A node's sync status, the same fields whichever API answered. */
export interface NodeStatus {
  api: GatewayApi;
  synced: boolean;
  connectedPeers: number;
  /** v1 top_layer; v2beta1 latest_layer (the newest layer seen in blocks). */
  topLayer: number;
  /** v1 synced_layer; v2beta1 applied_layer (applied to the state). */
  syncedLayer: number;
  /** v1 verified_layer; v2beta1 processed_layer (votes processed). */
  verifiedLayer: number;
}

export interface AccountBalance {
  address: string;
  /** Smidge, as a decimal string (uint64 does not fit a JS number). */
  balance: string;
  counter: string;
}

export interface GatewayClientOptions {
  /** The node's grpc-json-listener, e.g. http://10.0.0.5:9095 */
  url: string;
  /** "auto" (default) asks v2beta1 first and falls back to v1 when the node does not serve it. */
  api?: GatewayApi | "auto";
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface SpacemeshGateway {
  readonly url: string;
  /** The API this node serves (detected on first use when api is "auto"). */
  api(): Promise<GatewayApi>;
  status(): Promise<NodeStatus>;
  account(address: string): Promise<AccountBalance>;
}

// grpc-gateway answers these for a route it does not have.
const NOT_SERVED = new Set([404, 405, 501]);

/**
 * A typed client of go-spacemesh's JSON gateway (grpc-gateway over the public services). The
 * gateway marshals with protojson: lowerCamelCase names (snake_case is accepted too), uint64 as strings.
 */
export function createSpacemeshGateway(options: GatewayClientOptions): SpacemeshGateway {
  const base = parseGatewayUrl(options.url);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let detected: Promise<GatewayApi> | undefined = options.api && options.api !== "auto" ? Promise.resolve(options.api) : undefined;

  async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const what = `Spacemesh API ${method} ${path} on ${base}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const name = (cause as Error).name;
      const reason = name === "TimeoutError" || name === "AbortError" ? `no answer within ${formatDuration(timeoutMs)}` : ((cause as Error).cause as Error | undefined)?.message ?? (cause as Error).message;
      throw new UpstreamError(`${what} failed: ${reason}`, {
        retryable: true,
        cause,
        hint: "Check that the node runs and serves its JSON gateway there (api.grpc-json-listener); a crash-looping pod answers nothing.",
      });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch (cause) {
      throw new UpstreamError(`${what} answered HTTP ${response.status} with something that is not JSON: ${text.slice(0, 120)}`, { cause, hint: "Is the URL the node's grpc-json-listener, not another port?" });
    }
    return { status: response.status, json };
  }

  function ok(path: string, answer: { status: number; json: unknown }): Record<string, unknown> {
    if (answer.status >= 200 && answer.status < 300 && isObject(answer.json)) return answer.json;
    const message = isObject(answer.json) && typeof answer.json.message === "string" ? `: ${answer.json.message}` : "";
    throw new UpstreamError(`Spacemesh API ${path} on ${base} answered HTTP ${answer.status}${message}`, { hint: "See the node's log; it may still be starting." });
  }

  async function detect(): Promise<GatewayApi> {
    const answer = await call("GET", "/spacemesh.v2beta1.NodeService/Status");
    if (NOT_SERVED.has(answer.status)) return "v1";
    ok("/spacemesh.v2beta1.NodeService/Status", answer);
    return "v2beta1";
  }

  const client: SpacemeshGateway = {
    url: base,
    api: () => (detected ??= detect().catch((error: unknown) => { detected = undefined; throw error; })),
    async status() {
      if ((await client.api()) === "v2beta1") {
        const path = "/spacemesh.v2beta1.NodeService/Status";
        const s = ok(path, await call("GET", path));
        return {
          api: "v2beta1",
          synced: field(s, "status") === "SYNC_STATUS_SYNCED",
          connectedPeers: num(field(s, "connectedPeers", "connected_peers")),
          topLayer: num(field(s, "latestLayer", "latest_layer")),
          syncedLayer: num(field(s, "appliedLayer", "applied_layer")),
          verifiedLayer: num(field(s, "processedLayer", "processed_layer")),
        };
      }
      const path = "/v1/node/status";
      const answer = ok(path, await call("POST", path, {}));
      const s = answer.status;
      if (!isObject(s)) throw new UpstreamError(`Spacemesh API ${path} on ${base} answered without a status object`, { hint: "Is this a go-spacemesh node?" });
      return {
        api: "v1",
        synced: field(s, "isSynced", "is_synced") === true,
        connectedPeers: num(field(s, "connectedPeers", "connected_peers")),
        topLayer: layer(field(s, "topLayer", "top_layer")),
        syncedLayer: layer(field(s, "syncedLayer", "synced_layer")),
        verifiedLayer: layer(field(s, "verifiedLayer", "verified_layer")),
      };
    },
    async account(address) {
      if ((await client.api()) === "v2beta1") {
        const path = `/spacemesh.v2beta1.AccountService/List?addresses=${encodeURIComponent(address)}&limit=1`;
        const answer = ok(path, await call("GET", path));
        const accounts = field(answer, "accounts");
        const account = Array.isArray(accounts) ? accounts.find((a) => isObject(a) && a.address === address) : undefined;
        const current = isObject(account) ? field(account, "current") : undefined;
        return { address, balance: amount(isObject(current) ? field(current, "balance") : 0), counter: amount(isObject(current) ? field(current, "counter") : 0) };
      }
      const path = "/v1/globalstate/account";
      const answer = ok(path, await call("POST", path, { accountId: { address } }));
      const wrapper = field(answer, "accountWrapper", "account_wrapper");
      const state = isObject(wrapper) ? field(wrapper, "stateCurrent", "state_current") : undefined;
      const balance = isObject(state) ? field(state, "balance") : undefined;
      return { address, balance: amount(isObject(balance) ? balance.value : 0), counter: amount(isObject(state) ? field(state, "counter") : 0) };
    },
  };
  return client;
}

export function parseGatewayUrl(raw: string, input = "node API URL"): string {
  return parseHttpUrl(raw, input, "http://10.0.0.5:9095");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(object: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (object[name] !== undefined) return object[name];
  return undefined;
}

/** protojson writes uint64 as a string and may omit zero values. */
function num(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : 0;
  return Number.isFinite(n) ? n : 0;
}

function layer(value: unknown): number {
  return isObject(value) ? num(value.number) : num(value);
}

function amount(value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value).toString();
  return "0";
}

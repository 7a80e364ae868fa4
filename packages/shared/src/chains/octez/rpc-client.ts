import { AbortedError, ConfigError, NotFoundError, UpstreamError } from "../../core/errors";
import type { Clock } from "../../core/clock";
import { systemClock } from "../../core/clock";
import type { Logger } from "../../core/logger";
import { formatDuration } from "../../config/duration";
import { retry } from "../../retry/index";
import { historyModeName, type BlockHeader, type BlockId, type BootstrapStatus, type HistoryModeAnswer, type OctezVersion } from "./rpc-types";

export interface OctezRpcOptions {
  /** Base URL of the node's RPC server, e.g. http://127.0.0.1:8732 */
  url: string;
  /** Chain alias or id in the path (default "main"). */
  chain?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Attempts on transport errors (refused, reset, timeout); HTTP errors are never retried. Default 4. */
  attempts?: number;
  logger?: Logger;
  clock?: Clock;
  /** For tests: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/** A typed client for the few Octez RPCs chainops reads. */
export interface OctezRpc {
  readonly url: string;
  version(): Promise<OctezVersion>;
  header(block: BlockId): Promise<BlockHeader>;
  isBootstrapped(): Promise<BootstrapStatus>;
  /** GET /config/history_mode: the history mode of the node's storage. */
  historyMode(): Promise<HistoryModeAnswer>;
}

/** Checks the URL up front so a typo is a ConfigError naming the input, not a fetch failure later. */
export function parseRpcUrl(raw: string, input = "rpc-url"): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw new ConfigError(input, "is not a URL", { value: raw, example: "http://127.0.0.1:8732", cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(input, "must be an http:// or https:// URL", { value: raw, example: "http://127.0.0.1:8732" });
  }
  return url.href.replace(/\/+$/, "");
}

export function createOctezRpc(options: OctezRpcOptions): OctezRpc {
  const base = parseRpcUrl(options.url);
  const chain = options.chain ?? "main";
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;

  async function once<T>(path: string): Promise<T> {
    const what = `Octez RPC GET ${path} on ${base}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      const timedOut = (cause as Error).name === "TimeoutError" || (cause as Error).name === "AbortError";
      const reason = timedOut ? `timed out after ${formatDuration(timeoutMs)}` : transportReason(cause);
      throw new UpstreamError(`${what} failed: ${reason}`, {
        retryable: true,
        cause,
        hint: `Check that octez-node is running and serves RPC at ${base} (octez-node run --rpc-addr …), and that rpc-url is right.`,
      });
    }
    const text = await response.text();
    if (response.status === 404) {
      throw new NotFoundError(`${what}: 404 not found${firstError(text)}`, { hint: "The node does not know that block or RPC; check the block id and that the node is on the expected network." });
    }
    if (!response.ok) {
      throw new UpstreamError(`${what} answered HTTP ${response.status}${firstError(text)}`, {
        hint: "See the node's log for the error trace; the node may be restarting or overloaded.",
      });
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new UpstreamError(`${what} answered something that is not JSON: ${text.slice(0, 120)}`, { cause, hint: "Is rpc-url pointing at an Octez node (not a proxy error page)?" });
    }
  }

  function get<T>(path: string, check: (value: unknown) => string | undefined): Promise<T> {
    return retry(
      async () => {
        const value = await once<T>(path);
        const problem = check(value);
        if (problem) {
          throw new UpstreamError(`Octez RPC GET ${path} on ${base} answered an unexpected shape: ${problem}`, {
            hint: "Is this an Octez node of a supported version?",
          });
        }
        return value;
      },
      {
        attempts: options.attempts ?? 4,
        baseMs: 500,
        maxMs: 5_000,
        isRetryable: (error) => error instanceof UpstreamError && error.retryable && !(error instanceof AbortedError),
        clock,
        logger: options.logger,
        label: `GET ${path}`,
      },
    );
  }

  return {
    url: base,
    version: () => get<OctezVersion>("/version", checkVersion),
    header: (block) => get<BlockHeader>(`/chains/${encodeURIComponent(chain)}/blocks/${blockPath(block)}/header`, checkHeader),
    isBootstrapped: () => get<BootstrapStatus>(`/chains/${encodeURIComponent(chain)}/is_bootstrapped`, checkBootstrapped),
    historyMode: () => get<HistoryModeAnswer>("/config/history_mode", checkHistoryMode),
  };
}

/** head, head~N, a level or a block hash → the path segment (checked: it goes into a URL). */
export function blockPath(block: BlockId): string {
  const text = String(block);
  if (/^(head(~\d+)?|\d+|B[1-9A-HJ-NP-Za-km-z]{50})$/.test(text)) return text;
  throw new ConfigError("block", "is not head, head~N, a level or a block hash", { value: text, example: "head~2" });
}

function transportReason(cause: unknown): string {
  const error = cause as { message?: string; cause?: { code?: string; message?: string } };
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(cause);
}

// Octez answers errors as a JSON trace: [{"kind":"permanent","id":"…",…}]; show the first id.
function firstError(text: string): string {
  try {
    const trace = JSON.parse(text) as Array<{ id?: string; msg?: string }>;
    const first = Array.isArray(trace) ? trace[0] : undefined;
    if (first?.id) return ` (${first.id}${first.msg ? `: ${first.msg}` : ""})`;
  } catch {
    // not a trace
  }
  const line = text.trim().split("\n")[0]?.slice(0, 160);
  return line ? ` (${line})` : "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkVersion(value: unknown): string | undefined {
  if (!isObject(value) || !isObject(value.version)) return "no version object";
  if (typeof value.version.major !== "number" || typeof value.version.minor !== "number") return "version.major/minor are not numbers";
  if (!isObject(value.network_version) || typeof value.network_version.chain_name !== "string") return "no network_version.chain_name";
  return undefined;
}

function checkHeader(value: unknown): string | undefined {
  if (!isObject(value)) return "not an object";
  if (typeof value.hash !== "string") return "no hash";
  if (typeof value.level !== "number") return "no level";
  if (typeof value.timestamp !== "string" || Number.isNaN(Date.parse(value.timestamp))) return "no timestamp";
  return undefined;
}

function checkBootstrapped(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.bootstrapped !== "boolean") return "no bootstrapped flag";
  return undefined;
}

function checkHistoryMode(value: unknown): string | undefined {
  if (!isObject(value) || historyModeName(value.history_mode) === undefined) return "no history_mode of archive, full or rolling";
  return undefined;
}

import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { AbortedError, ConfigError, UpstreamError } from "../../core/errors";
import { systemClock, type Clock } from "../../core/clock";
import type { Logger } from "../../core/logger";
import { retry } from "../../retry/index";
import type { LotusEndpoint } from "./endpoint";
import type { ChainExportConfig, LotusVersion, NetworkParams, SyncState, TipSet, TipSetKey } from "./types";

/** Lotus API permissions, weakest first; a token created with --perm admin carries all four. */
export type LotusPermission = "read" | "write" | "sign" | "admin";

export interface LotusClientOptions extends LotusEndpoint {
  logger?: Logger;
  clock?: Clock;
  /** Per-call timeout for ordinary calls (default 30 s). */
  timeoutMs?: number;
  /** Attempts for calls that fail in transport (refused, reset, timeout, 502/503/504); default 4. */
  attempts?: number;
  /** The setting that supplied the token, named when an admin call has none. */
  tokenInput?: string;
}

export interface CallOptions {
  perm?: LotusPermission;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** false for calls that must not run twice (exports). */
  retry?: boolean;
}

/** A JSON-RPC error object from the node: the method ran and refused. */
export class LotusRpcError extends UpstreamError {
  readonly code: number;
  constructor(message: string, code: number, hint?: string) {
    super(message, { hint, retryable: false });
    this.code = code;
  }
}

/**
 * Typed JSON-RPC 2.0 client for the Lotus v1 API. Transport failures are retried with backoff;
 * answers from the node (including JSON-RPC errors) are not. Every error names the method and the node.
 */
export class LotusClient {
  readonly url: string;
  private readonly token: string | undefined;
  private readonly logger: Logger | undefined;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  /** The setting that supplied the token (named in errors). */
  readonly tokenInput: string;
  private nextId = 1;

  constructor(options: LotusClientOptions) {
    this.url = options.url;
    this.token = options.token || undefined;
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = options.attempts ?? 4;
    this.tokenInput = options.tokenInput ?? "lotus-token";
    if (this.token) this.logger?.setSecret(this.token);
  }

  /** Whether admin methods can be called at all. */
  get hasToken(): boolean {
    return this.token !== undefined;
  }

  /** The node as errors name it (no token). */
  get node(): string {
    return `Lotus at ${new URL(this.url).host}`;
  }

  chainHead(): Promise<TipSet> {
    return this.call("ChainHead", []);
  }
  syncState(): Promise<SyncState> {
    return this.call("SyncState", []);
  }
  /** The tipset at height, or the last non-null one before it when height was a null round. */
  chainGetTipSetByHeight(height: number, key: TipSetKey = []): Promise<TipSet> {
    return this.call("ChainGetTipSetByHeight", [height, key]);
  }
  stateGetNetworkParams(): Promise<NetworkParams> {
    return this.call("StateGetNetworkParams", []);
  }
  stateNetworkName(): Promise<string> {
    return this.call("StateNetworkName", []);
  }
  version(): Promise<LotusVersion> {
    return this.call("Version", []);
  }
  /** The permissions a token carries, e.g. ["read", "write", "sign", "admin"]; a read method. */
  authVerify(token: string): Promise<LotusPermission[]> {
    return this.call("AuthVerify", [token]);
  }
  /** The permissions of this client's own token; undefined when it has none. */
  async tokenPermissions(): Promise<LotusPermission[] | undefined> {
    return this.token ? this.authVerify(this.token) : undefined;
  }
  /**
   * Asks the node to write snapshot_<tail height>_<head height>_<unix>.car into its repo directory.
   * Blocks until the file is complete, which takes about an hour on mainnet; never retried.
   */
  chainExportRangeInternal(head: TipSetKey, tail: TipSetKey, config: ChainExportConfig, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    return this.call<null>("ChainExportRangeInternal", [head, tail, config], { perm: "admin", retry: false, ...options }).then(() => undefined);
  }

  async call<T>(method: string, params: unknown[], options: CallOptions = {}): Promise<T> {
    if (options.perm === "admin" && !this.token) {
      throw new ConfigError(this.tokenInput, `Filecoin.${method} needs an admin token and none is set`, {
        hint: "Create one on the node with `lotus auth create-token --perm admin` and pass it as lotus-token, or set lotus-path to a repo whose token file has admin rights.",
      });
    }
    const once = () => this.post<T>(method, params, options);
    if (options.retry === false) return once();
    return retry(once, {
      attempts: this.attempts,
      baseMs: 500,
      maxMs: 10_000,
      isRetryable: (error) => error instanceof UpstreamError && error.retryable,
      clock: this.clock,
      logger: this.logger,
      label: `${this.node} Filecoin.${method}`,
    });
  }

  private post<T>(method: string, params: unknown[], options: CallOptions): Promise<T> {
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: "2.0", method: `Filecoin.${method}`, params, id });
    const url = new URL(this.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const what = `${this.node}: Filecoin.${method}`;
    // node:http rather than fetch: fetch gives up waiting for headers after 300 s, and an export runs for an hour.
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, value?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve(value as T);
      };
      const req = send(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
      });
      const timer = setTimeout(() => {
        req.destroy();
        finish(new UpstreamError(`${what} timed out after ${Math.round(timeoutMs / 1000)} s`, { retryable: true, hint: "Check that the daemon is alive and not overloaded (lotus sync status, journalctl -u lotus-daemon)." }));
      }, timeoutMs);
      const onAbort = () => {
        req.destroy();
        finish(new AbortedError(`${what} was cancelled`));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", (error: NodeJS.ErrnoException) => {
        finish(new UpstreamError(`${what} failed: ${error.code ?? error.message}`, {
          retryable: true,
          cause: error,
          hint: error.code === "ECONNREFUSED" ? "Nothing listens there: is lotus-daemon running, and is lotus-api/lotus-path right?" : "Check the network path to the node.",
        }));
      });
      req.on("response", (res) => {
        readBody(res).then((text) => finish(...this.interpret<T>(what, method, res.statusCode ?? 0, text)), (error: Error) =>
          finish(new UpstreamError(`${what}: the answer broke off (${error.message})`, { retryable: true, cause: error, hint: RESTARTED })),
        );
      });
      req.end(body);
    });
  }

  private interpret<T>(what: string, method: string, status: number, text: string): [Error | undefined, T?] {
    if (status === 401 || status === 403) {
      return [new UpstreamError(`${what} was refused (HTTP ${status}): the token is not valid for this node`, { hint: "Create a fresh token on the node (lotus auth create-token --perm admin) and update lotus-token." })];
    }
    if (status === 502 || status === 503 || status === 504) {
      return [new UpstreamError(`${what} answered HTTP ${status}`, { retryable: true, hint: "A proxy in front of the node answered for it: check that lotus-daemon is up behind it." })];
    }
    let parsed: { result?: T; error?: { code?: number; message?: string } };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return [new UpstreamError(`${what} answered HTTP ${status} with something that is not JSON-RPC: ${text.slice(0, 200)}`, { hint: "lotus-api must point at the daemon's API port (default 1234)." })];
    }
    if (parsed.error) {
      const message = parsed.error.message ?? "unknown error";
      const hint = /missing permission/i.test(message)
        ? `The token lacks the permission Filecoin.${method} needs; create one with \`lotus auth create-token --perm admin\`.`
        : /method .* not found/i.test(message)
          ? "The daemon's Lotus version does not have this method; upgrade Lotus."
          : `The node ran the call and refused it; its log says why (${LOG}).`;
      return [new LotusRpcError(`${what} failed: ${message}`, parsed.error.code ?? 0, hint)];
    }
    if (status !== 200 || !("result" in parsed)) {
      return [new UpstreamError(`${what} answered HTTP ${status} without a result`, { hint: "lotus-api must point at the daemon's JSON-RPC endpoint (http://host:1234/rpc/v1)." })];
    }
    return [undefined, parsed.result as T];
  }
}

const LOG = "journalctl -u lotus-daemon";
const RESTARTED = `The daemon closed the connection mid-answer (restarted or crashed?); check ${LOG}.`;

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
    res.on("aborted", () => reject(new Error("connection closed mid-answer")));
  });
}

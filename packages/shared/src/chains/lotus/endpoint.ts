import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../../core/errors";

/** Where a Lotus node answers, and the token to use (absent: read-only access). */
export interface LotusEndpoint {
  /** http(s)://host:port/rpc/v1 */
  url: string;
  token?: string;
}

const API_EXAMPLE = `"http://127.0.0.1:1234/rpc/v1", "/ip4/127.0.0.1/tcp/1234/http" or "<token>:/ip4/127.0.0.1/tcp/1234/http"`;

/**
 * Accepts what SREs have at hand: a URL, the multiaddr from $LOTUS_PATH/api, or
 * FULLNODE_API_INFO ("<token>:<multiaddr>"). Always returns the v1 endpoint.
 */
export function parseLotusApi(raw: string, input = "lotus-api"): LotusEndpoint {
  const value = raw.trim();
  if (!value) throw new ConfigError(input, "is empty", { example: API_EXAMPLE });
  const info = /^([^:/\s]+):(\/(?:ip4|ip6|dns|dns4|dns6)\/.+)$/.exec(value);
  if (info) return { url: multiaddrToUrl(info[2]!, input, raw), token: info[1]! };
  if (value.startsWith("/")) return { url: multiaddrToUrl(value, input, raw) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(input, "is neither a URL nor a multiaddr", { value: raw, example: API_EXAMPLE });
  }
  const scheme = { "http:": "http:", "https:": "https:", "ws:": "http:", "wss:": "https:" }[url.protocol];
  if (!scheme) throw new ConfigError(input, `has an unsupported scheme "${url.protocol}"`, { value: raw, example: API_EXAMPLE });
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/rpc/v1") {
    throw new ConfigError(input, `points at ${path}; chainops speaks the v1 API only`, { value: raw, example: API_EXAMPLE });
  }
  if (url.username || url.password) throw new ConfigError(input, "must not carry credentials; pass the token in lotus-token", { value: "***" });
  return { url: `${scheme}//${url.host}/rpc/v1` };
}

function multiaddrToUrl(addr: string, input: string, raw: string): string {
  const parts = addr.split("/").filter(Boolean);
  let host: string | undefined;
  let port: string | undefined;
  let scheme = "http";
  for (let i = 0; i < parts.length; i++) {
    const proto = parts[i];
    const arg = parts[i + 1];
    if (proto === "ip4" || proto === "dns" || proto === "dns4" || proto === "dns6") (host = arg), i++;
    else if (proto === "ip6") (host = `[${arg}]`), i++;
    else if (proto === "tcp") (port = arg), i++;
    else if (proto === "https" || proto === "wss" || proto === "tls") scheme = "https";
    else if (proto === "http" || proto === "ws") scheme = "http";
    else throw new ConfigError(input, `has an unsupported multiaddr part "/${proto}"`, { value: raw, example: API_EXAMPLE });
  }
  if (!host || !port || !/^\d{1,5}$/.test(port)) {
    throw new ConfigError(input, "needs a host (/ip4, /ip6 or /dns) and a /tcp port", { value: raw, example: API_EXAMPLE });
  }
  return `${scheme}://${host}:${port}/rpc/v1`;
}

/** Reads the endpoint the daemon published in its repo: $LOTUS_PATH/api and $LOTUS_PATH/token. */
export async function readLotusRepoEndpoint(repoPath: string, input = "lotus-path"): Promise<LotusEndpoint> {
  let api: string;
  try {
    api = (await readFile(join(repoPath, "api"), "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new ConfigError(input, `${join(repoPath, "api")} does not exist`, {
      value: repoPath,
      hint: "The daemon writes this file when it starts: check that lotus-daemon is running (systemctl status lotus-daemon), or pass lotus-api.",
    });
  }
  const endpoint = parseLotusApi(api, `${input} (api file)`);
  const token = await readFile(join(repoPath, "token"), "utf8").then((t) => t.trim(), () => undefined);
  return token ? { ...endpoint, token } : endpoint;
}

/**
 * lotus-api (+ lotus-token) wins over lotus-path; with neither there is nothing to talk to.
 * A token from lotus-token beats one embedded in FULLNODE_API_INFO.
 */
export async function resolveLotusEndpoint(options: { api?: string; token?: string; path?: string }): Promise<LotusEndpoint> {
  if (options.api) {
    const endpoint = parseLotusApi(options.api);
    const token = options.token || endpoint.token || (options.path ? await readFile(join(options.path, "token"), "utf8").then((t) => t.trim(), () => undefined) : undefined);
    return token ? { url: endpoint.url, token } : { url: endpoint.url };
  }
  if (options.path) {
    const endpoint = await readLotusRepoEndpoint(options.path);
    return options.token ? { ...endpoint, token: options.token } : endpoint;
  }
  throw new ConfigError("lotus-api", "is not set and neither is lotus-path", { example: API_EXAMPLE, hint: "Set lotus-path to the node's repo (e.g. ~/.lotus) or lotus-api to its API address." });
}

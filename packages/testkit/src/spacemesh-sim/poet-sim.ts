import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ed25519KeyPair } from "@chainops/shared/chains/spacemesh";

export interface StartPoetSimOptions {
  /** Each PoET's POET_PRIVATE_KEY (base64 of the 64-byte key), served under /<name>/… ("" at the root). */
  poets: Record<string, string>;
  phaseShift?: string;
  cycleGap?: string;
}

export interface PoetSim {
  url: string;
  urlOf(name: string): string;
  close(): Promise<void>;
}

/**
 * PoET's REST gateway: GET /v1/info → {servicePubkey, phaseShift, cycleGap} (protojson: bytes
 * base64, durations "30s"). Like poet's loadState, a key that is not 64 bytes of base64 makes the
 * PoET fail to start: here it answers 503 so the readiness check sees it is not up.
 */
export async function startPoetSim(options: StartPoetSimOptions): Promise<PoetSim> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const parts = url.pathname.split("/").slice(1);
    const named = parts.length > 2 && options.poets[parts[0]!] !== undefined;
    const name = named ? parts[0]! : "";
    const path = named ? `/${parts.slice(1).join("/")}` : url.pathname;
    const key = options.poets[name];
    const raw = key === undefined ? Buffer.alloc(0) : Buffer.from(key, "base64");
    if (req.method !== "GET" || path !== "/v1/info" || key === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: 5, message: "Not Found" }));
      return;
    }
    if (raw.length !== 64) {
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ code: 14, message: `invalid private key length: ${raw.length}` }));
      return;
    }
    const pair = ed25519KeyPair(raw.subarray(0, 32));
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ servicePubkey: pair.publicKey.toString("base64"), phaseShift: options.phaseShift ?? "30s", cycleGap: options.cycleGap ?? "30s" }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    urlOf: (name) => (name ? `${url}/${name}` : url),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

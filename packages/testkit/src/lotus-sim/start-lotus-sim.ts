import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Clock } from "@chainops/shared";
import { SimChain, type SimTipSet } from "./sim-chain";
import { writeSnapshotCar, type WrittenCar } from "./snapshot-car";

export interface LotusSimOptions {
  clock: Clock;
  /** The node's repo ($LOTUS_PATH): gets `api` and `token` files; exports land here, as in Lotus. */
  repoDir: string;
  /** Head height at start (default 10 000). */
  height?: number;
  blockDelaySecs?: number;
  networkName?: string;
  nullRounds?: Iterable<number>;
  /** Bytes of each exported CAR (default 1 MiB). */
  exportSize?: number;
  version?: string;
}

export type SimFailure = { kind: "rpc"; message: string; code?: number } | { kind: "http"; status: number } | { kind: "reset" };

export interface SimCall {
  method: string;
  params: unknown[];
  perm: "none" | "read" | "admin";
}

export interface SimExport extends WrittenCar {
  head: number;
  tail: number;
  config: unknown;
}

export interface LotusSim {
  /** http://127.0.0.1:<port>/rpc/v1 */
  url: string;
  /** /ip4/127.0.0.1/tcp/<port>/http, as in $LOTUS_PATH/api */
  multiaddr: string;
  adminToken: string;
  readToken: string;
  repoDir: string;
  chain: SimChain;
  calls: SimCall[];
  exports: SimExport[];
  /** Settable knobs. */
  exportSize: number;
  /** A failing export writes this many bytes, then answers an error (undefined: exports succeed). */
  exportFailAfterBytes: number | undefined;
  /** When true, SyncState shows a worker fetching headers towards the clock height. */
  syncing: boolean;
  /** Make a method (or "*") fail until cleared. */
  fail(method: string, failure: SimFailure): void;
  clearFailures(): void;
  /**
   * Exports wait until the returned function is called (to overlap two runs). With afterBytes,
   * the CAR is first written that far, as a growing file would be, and finished on release.
   */
  holdExports(options?: { afterBytes?: number }): () => void;
  /** Stops answering: the port refuses connections. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

const ADMIN_METHODS = new Set(["ChainExportRangeInternal"]);
const FORK_UPGRADES = [
  "UpgradeSmokeHeight", "UpgradeBreezeHeight", "UpgradeIgnitionHeight", "UpgradeLiftoffHeight", "UpgradeAssemblyHeight",
  "UpgradeRefuelHeight", "UpgradeTapeHeight", "UpgradeKumquatHeight", "BreezeGasTampingDuration", "UpgradeCalicoHeight",
  "UpgradePersianHeight", "UpgradeOrangeHeight", "UpgradeClausHeight", "UpgradeTrustHeight", "UpgradeNorwegianHeight",
  "UpgradeTurboHeight", "UpgradeHyperdriveHeight", "UpgradeChocolateHeight", "UpgradeOhSnapHeight", "UpgradeSkyrHeight",
  "UpgradeSharkHeight", "UpgradeHyggeHeight", "UpgradeLightningHeight", "UpgradeThunderHeight", "UpgradeWatermelonHeight",
  "UpgradeDragonHeight", "UpgradePhoenixHeight", "UpgradeWaffleHeight", "UpgradeTuktukHeight", "UpgradeTeepHeight",
  "UpgradeTockHeight", "UpgradeGoldenWeekHeight", "UpgradeFireHorseHeight", "UpgradeXxHeight",
];

class RpcFailure extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

/**
 * A Lotus full node's v1 JSON-RPC API over HTTP, enough for snapshot exports: token auth with
 * read/admin permissions, a chain that advances with the injected clock (null rounds included),
 * and ChainExportRangeInternal writing a real CAR v1 into the repo directory.
 */
export async function startLotusSim(options: LotusSimOptions): Promise<LotusSim> {
  const blockDelaySecs = options.blockDelaySecs ?? 30;
  const height = options.height ?? 10_000;
  const networkName = options.networkName ?? "mainnet";
  const chain = new SimChain({
    clock: options.clock,
    networkName,
    blockDelaySecs,
    genesisTimestamp: Math.floor(options.clock.now() / 1000) - height * blockDelaySecs,
    nullRounds: new Set(options.nullRounds ?? []),
  });
  const adminToken = `admin-${randomBytes(12).toString("hex")}`;
  const readToken = `read-${randomBytes(12).toString("hex")}`;
  const failures = new Map<string, SimFailure>();
  let hold: { released: Promise<void>; afterBytes?: number } | undefined;
  const sockets = new Set<Socket>();

  const sim = {
    url: "",
    multiaddr: "",
    adminToken,
    readToken,
    repoDir: options.repoDir,
    chain,
    calls: [] as SimCall[],
    exports: [] as SimExport[],
    exportSize: options.exportSize ?? 1024 * 1024,
    exportFailAfterBytes: undefined as number | undefined,
    syncing: false,
    fail(method: string, failure: SimFailure) {
      failures.set(method, failure);
    },
    clearFailures() {
      failures.clear();
    },
    holdExports(holdOptions: { afterBytes?: number } = {}) {
      let release!: () => void;
      hold = { released: new Promise<void>((resolve) => (release = resolve)), afterBytes: holdOptions.afterBytes };
      return () => {
        hold = undefined;
        release();
      };
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async close() {
      if (server.listening) await sim.stop();
    },
  };

  const tipsetFromKey = (key: unknown, what: string): SimTipSet => {
    const cids = Array.isArray(key) ? key.map((c) => (c as { "/"?: string })?.["/"] ?? "") : [];
    if (cids.length === 0) return chain.head();
    const h = chain.heightOfKey(cids);
    if (h === undefined) throw new RpcFailure(`loading tipset {${cids.join(",")}}: ${what} not found`);
    return chain.tipset(h);
  };

  const methods: Record<string, (params: unknown[]) => Promise<unknown> | unknown> = {
    ChainHead: () => chain.head().json,
    ChainGetTipSetByHeight: ([h, key]) => {
      if (typeof h !== "number" || !Number.isInteger(h) || h < 0) throw new RpcFailure("unmarshaling params for 'ChainGetTipSetByHeight' (param: abi.ChainEpoch): expected a non-negative integer");
      const from = tipsetFromKey(key, "start point");
      if (h > from.height) throw new RpcFailure("looking for tipset with height greater than start point");
      return chain.atOrBefore(h).json;
    },
    SyncState: () => {
      const head = chain.head();
      const target = chain.atOrBefore(chain.clockHeight());
      const catchingUp = sim.syncing && target.height > head.height;
      return {
        ActiveSyncs: [
          {
            WorkerID: 1,
            Base: head.json,
            Target: (catchingUp ? target : head).json,
            Stage: catchingUp ? 1 : 4,
            Height: head.height,
            Start: new Date(options.clock.now() - 60_000).toISOString(),
            End: catchingUp ? "0001-01-01T00:00:00Z" : new Date(options.clock.now()).toISOString(),
            Message: "",
          },
        ],
        VMApplied: head.height * 3,
      };
    },
    StateNetworkName: () => networkName,
    // Lotus verifies the JWT and returns its "Allow" list; `lotus auth create-token --perm admin` allows all four.
    AuthVerify: ([token]) => {
      if (token === adminToken) return ["read", "write", "sign", "admin"];
      if (token === readToken) return ["read"];
      throw new RpcFailure("JWT Verification failed: failed to verify signature: HMAC signature is invalid");
    },
    StateGetNetworkParams: () => ({
      NetworkName: networkName,
      BlockDelaySecs: blockDelaySecs,
      ConsensusMinerMinPower: "10995116277760",
      PreCommitChallengeDelay: 150,
      ForkUpgradeParams: Object.fromEntries(FORK_UPGRADES.map((name, i) => [name, name === "BreezeGasTampingDuration" ? 120 : -1 - i])),
      Eip155ChainID: networkName === "mainnet" ? 314 : 314159,
      GenesisTimestamp: chain.options.genesisTimestamp,
    }),
    Version: () => ({ Version: options.version ?? "1.34.1+mainnet+git.simulated", APIVersion: 131840, BlockDelay: blockDelaySecs, Agent: "lotus" }),
    ChainExportRangeInternal: async ([headKey, tailKey, config]) => {
      const head = tipsetFromKey(headKey, "head");
      const tail = tipsetFromKey(tailKey, "tail");
      if (!Array.isArray(headKey) || headKey.length === 0 || !Array.isArray(tailKey) || tailKey.length === 0) {
        throw new RpcFailure("loading tipset {}: head and tail keys must not be empty");
      }
      if (head.height < tail.height) {
        throw new RpcFailure(`Height of head-tipset (${head.height}) must be greater or equal to the height of the tail-tipset (${tail.height})`);
      }
      const path = join(options.repoDir, `snapshot_${tail.height}_${head.height}_${Math.floor(options.clock.now() / 1000)}.car`);
      const tipsets = function* () {
        for (let h = head.height; h >= tail.height; h--) if (!chain.isNull(h)) yield chain.tipset(h);
      };
      if (hold) {
        const { released, afterBytes } = hold;
        if (afterBytes !== undefined) await writeSnapshotCar({ path, head, tipsets: tipsets(), targetSize: sim.exportSize, stopAfterBytes: afterBytes });
        await released;
      }
      const failAfter = sim.exportFailAfterBytes;
      const written = await writeSnapshotCar({ path, head, tipsets: tipsets(), targetSize: sim.exportSize, stopAfterBytes: failAfter });
      if (failAfter !== undefined) throw new RpcFailure("exporting chain range: walking chain: blockstore: block not found");
      sim.exports.push({ ...written, head: head.height, tail: tail.height, config });
      return null;
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500).end(error.message);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.url !== "/rpc/v1") return void res.writeHead(404).end("404 page not found\n");
    const auth = req.headers.authorization;
    let perm: SimCall["perm"] = "read";
    if (auth !== undefined) {
      const token = auth.replace(/^Bearer\s+/i, "");
      if (token === adminToken) perm = "admin";
      else if (token === readToken) perm = "read";
      else return void res.writeHead(401).end();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: { id?: unknown; method?: string; params?: unknown[] };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(res, null, undefined, { code: -32700, message: "Parse error" });
    }
    const name = (body.method ?? "").replace(/^Filecoin\./, "");
    const params = Array.isArray(body.params) ? body.params : [];
    sim.calls.push({ method: name, params, perm: auth === undefined ? "none" : perm });
    const failure = failures.get(name) ?? failures.get("*");
    if (failure?.kind === "reset") return void req.socket.destroy();
    if (failure?.kind === "http") return void res.writeHead(failure.status).end(`simulated HTTP ${failure.status}\n`);
    if (failure?.kind === "rpc") return reply(res, body.id, undefined, { code: failure.code ?? 1, message: failure.message });
    const method = body.method?.startsWith("Filecoin.") ? methods[name] : undefined;
    if (!method) return reply(res, body.id, undefined, { code: -32601, message: `method '${body.method}' not found` });
    if (ADMIN_METHODS.has(name) && perm !== "admin") {
      return reply(res, body.id, undefined, { code: 1, message: `missing permission to invoke '${name}' (need 'admin')` });
    }
    try {
      return reply(res, body.id, await method(params));
    } catch (error) {
      if (error instanceof RpcFailure) return reply(res, body.id, undefined, { code: error.code, message: error.message });
      throw error;
    }
  }

  function reply(res: ServerResponse, id: unknown, result: unknown, error?: { code: number; message: string }): void {
    const payload = error ? { jsonrpc: "2.0", id, error } : { jsonrpc: "2.0", id, result };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  sim.url = `http://127.0.0.1:${port}/rpc/v1`;
  sim.multiaddr = `/ip4/127.0.0.1/tcp/${port}/http`;
  await mkdir(options.repoDir, { recursive: true });
  await writeFile(join(options.repoDir, "api"), sim.multiaddr);
  await writeFile(join(options.repoDir, "token"), adminToken);
  return sim;
}

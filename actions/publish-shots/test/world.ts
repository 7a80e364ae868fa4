// The local world publish-shots tests run in: an octez simulator per network, a generated data
// dir, the fake octez-node on PATH, and a file:// bucket.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { readJson, readText, type ObjectStore } from "@chainops/shared/storage";
import { FileStore } from "@chainops/shared/storage";
import { createOctezDataDir, installFakeOctezNode, startOctezSim, writeOctezStoreHead, type OctezSim } from "@chainops/testkit";
import { parseConfig, type PublishConfig } from "../src/config";
import { artifactKey, metadataKey } from "../src/artifact-names";
import type { BaseEntry } from "../src/indexes";
import { POINTER_NAMES, type LatestPointer } from "../src/latest-pointers";
import { run, type PublishDeps, type PublishResult } from "../src/run";

export interface World {
  dir: string;
  clock: ManualClock;
  sims: Map<string, OctezSim>;
  bucketDir: string;
  bucketUrl: string;
  store: FileStore;
  binDir: string;
  pathEnv: string;
  /** Data dir per network. */
  dataDirs: Map<string, string>;
  addNetwork(network: string, options?: { size?: number; headLevel?: number; historyMode?: "rolling" | "archive" }): Promise<OctezSim>;
  /**
   * Makes the network's data dir a fresh copy of the live node: its store's head moves to the
   * simulated chain's head (less `blocksBehind`), as a new filesystem snapshot would.
   */
  refreshCopy(network: string, blocksBehind?: number): Promise<{ level: number; hash: string }>;
  /** Raw inputs for a network, with overrides. */
  inputs(network: string, overrides?: Record<string, string>): Record<string, string>;
  config(network: string, overrides?: Record<string, string>): PublishConfig;
  deps(extra?: Partial<PublishDeps>): PublishDeps & { logger: RecordingLogger };
  /** How many blocks world.publish's fresh copy lags the live head (default 0). */
  copyLag: number;
  /** refreshCopy (a scheduled job copies the data dir before each run), then run(). */
  publish(network: string, overrides?: Record<string, string>, extra?: Partial<PublishDeps>): Promise<PublishResult>;
  close(): Promise<void>;
}

let runCounter = 0;
const REDIRECT_NAMES = Object.values(POINTER_NAMES).flatMap((types) => Object.values(types).flatMap((n) => [n.artifact, n.metadata]));

export async function createWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "publish-shots-"));
  const clock = new ManualClock(Date.UTC(2026, 3, 1, 12));
  const bucketDir = join(dir, "bucket");
  await mkdir(bucketDir, { recursive: true });
  const binDir = join(dir, "bin");
  await installFakeOctezNode(binDir);
  const sims = new Map<string, OctezSim>();
  const dataDirs = new Map<string, string>();
  const world: World = {
    dir,
    clock,
    sims,
    bucketDir,
    bucketUrl: pathToFileURL(bucketDir).href,
    store: new FileStore(bucketDir),
    binDir,
    pathEnv: `${binDir}${delimiter}${process.env.PATH ?? ""}`,
    dataDirs,
    copyLag: 0,
    async addNetwork(network, options = {}) {
      const historyMode = options.historyMode ?? "rolling";
      const sim = await startOctezSim({ clock, network, headLevel: options.headLevel ?? 100_000, historyMode });
      sims.set(network, sim);
      const data = await createOctezDataDir(join(dir, `data-${network}`), { size: options.size ?? 512 * 1024, network, rpcListenAddr: sim.listenAddr, lostAndFound: true, chain: sim.chain, historyMode });
      dataDirs.set(network, data.path);
      return sim;
    },
    async refreshCopy(network, blocksBehind = 0) {
      const chain = sims.get(network)!.chain;
      return writeOctezStoreHead(dataDirs.get(network)!, chain, chain.headLevel() - blocksBehind);
    },
    inputs(network, overrides = {}) {
      return {
        network,
        "history-mode": "rolling",
        "data-dir": dataDirs.get(network) ?? join(dir, `data-${network}`),
        "rpc-url": sims.get(network)?.url ?? "http://127.0.0.1:9",
        bucket: world.bucketUrl,
        "public-url": "https://shots.example.org",
        "min-interval": "6h",
        org: "chainops-test",
        ...overrides,
      };
    },
    config: (network, overrides) => parseConfig(world.inputs(network, overrides)),
    deps(extra = {}) {
      return {
        logger: new RecordingLogger(),
        clock,
        store: world.store,
        pathEnv: world.pathEnv,
        env: { ...process.env, PATH: world.pathEnv },
        runId: `test run ${++runCounter}`,
        finalityPollMs: 4_000,
        ...extra,
      } as PublishDeps & { logger: RecordingLogger };
    },
    async publish(network, overrides, extra) {
      if (sims.has(network) && dataDirs.has(network)) await world.refreshCopy(network, world.copyLag);
      return run(world.config(network, overrides), world.deps(extra));
    },
    async close() {
      for (const sim of sims.values()) await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * The store's promises to consumers: every entry of base.json and tezos-snapshots.json, every
 * latest pointer and every site link names an object that is there, whole (size = metadata),
 * with its `<artifact>.json`; and (unless a run just died) no artifact object of `networks` is
 * left unindexed.
 */
export async function expectConsistent(store: ObjectStore, networks: string[], options: { sitePrefix?: string; allowOrphans?: boolean } = {}): Promise<BaseEntry[]> {
  const sitePrefix = options.sitePrefix ?? "";
  const base = (await readJson<BaseEntry[]>(store, `${sitePrefix ? `${sitePrefix}/` : ""}base.json`))?.value ?? [];
  const keyOf = (e: BaseEntry) => artifactKey(e.chain_name, e.filename);
  for (const entry of base) {
    const info = await store.head(keyOf(entry));
    expect(info, `object of ${entry.filename}`).not.toBeNull();
    expect(info!.size, `size of ${entry.filename}`).toBe(entry.filesize_bytes);
    const metadata = await readJson<BaseEntry>(store, metadataKey(keyOf(entry)));
    expect(metadata?.value.sha256, `metadata of ${entry.filename}`).toBe(entry.sha256);
  }
  const snapshots = await readJson<{ data: BaseEntry[] }>(store, `${sitePrefix ? `${sitePrefix}/` : ""}tezos-snapshots.json`);
  for (const entry of snapshots?.value.data ?? []) {
    expect(base.some((b) => b.filename === entry.filename && b.chain_name === entry.chain_name), `tezos-snapshots.json entry ${entry.filename} is in base.json`).toBe(true);
  }
  for (const network of networks) {
    for await (const info of store.list(`${network}/`)) {
      if (info.key.startsWith(`${network}/latest/`)) {
        const pointer = (await readJson<LatestPointer>(store, info.key))!.value;
        expect(await store.head(pointer.target_key), `target of ${info.key}`).not.toBeNull();
        continue;
      }
      if (info.key.startsWith(`${network}/leases/`)) continue;
      // S3 website-redirect objects (empty bodies named like the pointers).
      if (REDIRECT_NAMES.includes(info.key.slice(network.length + 1))) continue;
      const artifact = info.key.endsWith(".json") ? info.key.slice(0, -5) : info.key;
      if (options.allowOrphans) continue;
      expect(base.some((e) => keyOf(e) === artifact), `${info.key} is indexed (no orphan)`).toBe(true);
    }
  }
  const index = await store.head(`${sitePrefix ? `${sitePrefix}/` : ""}index.html`);
  if (index) {
    const html = await readText(store, index.key);
    for (const [, href] of html.matchAll(/href="([^"#]+)"/g)) {
      if (/^https?:/.test(href!)) continue;
      const key = [...(sitePrefix ? sitePrefix.split("/") : []), ...href!.split("/")].reduce<string[]>((acc, part) => (part === ".." ? acc.slice(0, -1) : [...acc, decodeURIComponent(part)]), []).join("/");
      expect(await store.head(key), `site link ${href}`).not.toBeNull();
    }
  }
  return base;
}

/** Serves a directory over HTTP on 127.0.0.1 (a bucket website, for fetch and browser tests). */
export async function serveDirectory(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import("node:http");
  const { createReadStream, statSync } = await import("node:fs");
  const server = createServer((req, res) => {
    const path = join(root, ...decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).split("/").filter((p) => p && p !== ".."));
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error("not a file");
      const type = path.endsWith(".html") ? "text/html; charset=utf-8" : path.endsWith(".json") ? "application/json" : path.endsWith(".xml") ? "application/atom+xml" : "application/octet-stream";
      res.writeHead(200, { "content-type": type, "content-length": stat.size });
      createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ConfigError, IntegrityError, NotFoundError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { describeWithTools } from "@chainops/testkit";
import { compressAndUpload } from "@chainops/shared/stream";
import { fetchSnapshot, type FetchConfig } from "../src/fetch";
import type { PublishResult } from "../src/run";
import { createWorld, serveDirectory, type World } from "./world";

describeWithTools(["lz4", "tar"], "chainops shots fetch, and the site", () => {
  let world: World;
  let web: { url: string; close(): Promise<void> };
  let published: PublishResult;
  let indexUrl: string;
  beforeAll(async () => {
    world = await createWorld();
    web = await serveDirectory(world.bucketDir);
    await world.addNetwork("ghostnet", { size: 256 * 1024 });
    published = await world.publish("ghostnet", { "public-url": web.url, "site-prefix": "shots" });
    indexUrl = `${web.url}/shots/tezos-snapshots.json`;
  });
  afterAll(async () => {
    await web.close();
    await world.close();
  });

  const config = (overrides: Partial<FetchConfig>): FetchConfig => ({
    indexUrl,
    network: "ghostnet",
    historyMode: "rolling",
    artifactType: "tarball",
    dest: join(world.dir, `dest-${Math.random().toString(36).slice(2)}`),
    ...overrides,
  });

  it("extracts the newest tarball into a new data dir, verified, without the node's private files", async () => {
    const logger = new RecordingLogger();
    const cfg = config({ octezMajor: 23 });
    const result = await fetchSnapshot(cfg, { logger });
    const tarball = published.published.find((a) => a.artifact_type === "tarball")!;
    expect(result.artifact.filename).toBe(tarball.filename);
    expect(result.sha256).toBe(tarball.sha256);
    expect(await readFile(join(cfg.dest, "context", "store.pack"))).toEqual(await readFile(join(world.dataDirs.get("ghostnet")!, "context", "store.pack")));
    const top = await readdir(cfg.dest);
    for (const file of ["identity.json", "peers.json", "lock"]) expect(top).not.toContain(file);
    expect(logger.messages("warning")).toEqual([]);
    // The publisher's config.json did not come along; fetch wrote one with the network only.
    expect(result.config).toBe(join(cfg.dest, "config.json"));
    expect(JSON.parse(await readFile(join(cfg.dest, "config.json"), "utf8"))).toEqual({ network: "ghostnet" });
    expect(logger.messages("notice").join("\n")).not.toContain("Replaced the publisher's config.json");
    expect(result.next).toBe(`octez-node run --data-dir ${cfg.dest}`);
  });

  it("gives a tarball that shipped the publisher's config.json (published before) a fresh one: the network only, a custom network's definition kept", async () => {
    const legacy = async (network: string, shipped: Record<string, unknown> | undefined) => {
      const src = join(world.dir, `legacy-${network}-${Math.random().toString(36).slice(2)}`);
      await mkdir(join(src, "context"), { recursive: true });
      await writeFile(join(src, "context", "store.pack"), "data");
      if (shipped) await writeFile(join(src, "config.json"), JSON.stringify(shipped));
      const filename = `tezos-${network}-rolling-tarball-1000.lz4`;
      const key = `legacy/${filename}`;
      const upload = await compressAndUpload({ source: { kind: "directory", path: src }, compression: { kind: "lz4" }, store: world.store, key, contentType: "application/x-lz4", logger: new RecordingLogger(), pathEnv: world.pathEnv, label: filename });
      const index = join(world.dir, `legacy-${network}.json`);
      const entry = { filename, url: pathToFileURL(join(world.bucketDir, key)).href, sha256: upload.sha256, filesize_bytes: upload.size, filesize: "1K", block_height: 1000, block_hash: "BLockGenesisGenesisGenesisGenesisGenesisf79b5d1CoW2", block_timestamp: "2026-01-01T00:00:00Z", chain_name: network, history_mode: "rolling", artifact_type: "tarball" };
      await writeFile(index, JSON.stringify({ data: [entry] }));
      const logger = new RecordingLogger();
      const result = await fetchSnapshot(config({ indexUrl: pathToFileURL(index).href, network }), { logger });
      const written = result.config ? JSON.parse(await readFile(result.config, "utf8")) : undefined;
      return { result, written, logger };
    };
    const publisher = { "data-dir": "/var/tezos/publisher", rpc: { "listen-addrs": ["0.0.0.0:8732"] }, p2p: { "listen-addr": "[::]:9732" } };
    const ghost = await legacy("ghostnet", { ...publisher, network: "ghostnet" });
    expect(ghost.written).toEqual({ network: "ghostnet" });
    expect(ghost.logger.messages("notice").join("\n")).toContain("Replaced the publisher's config.json that came in the tarball with a fresh one for ghostnet");
    const definition = { genesis: { timestamp: "2026-01-01T00:00:00Z", block: "BLockGenesisGenesisGenesisGenesisGenesisf79b5d1CoW2", protocol: "Ps9mPmXaRzmzk35gbAYNCAw6UXdE2qoABTHbN2oEEc1qM7CwT9P" }, chain_name: "TEZOS_WEEKLYNET_2026-01-01T00:00:00Z", sandboxed_chain_name: "SANDBOXED_TEZOS" };
    const weekly = await legacy("weeklynet", { ...publisher, network: definition });
    expect(weekly.written).toEqual({ network: definition });
    // A custom network with nothing that defines it: no config.json, and the next step says how to make one.
    const bare = await legacy("weeklynet", undefined);
    expect(bare.result.config).toBeUndefined();
    expect(bare.logger.messages("warning").join("\n")).toContain("octez-node does not know weeklynet by name");
    expect(bare.result.next).toContain(`octez-node config init --data-dir ${bare.result.path} --network <weeklynet's network config URL>`);
  });

  it("saves a .rolling and says how to import it; falls back to another octez version with a warning", async () => {
    const logger = new RecordingLogger();
    const cfg = config({ artifactType: "tezos-snapshot", octezMajor: 99 });
    const result = await fetchSnapshot(cfg, { logger });
    const rolling = published.published.find((a) => a.artifact_type === "tezos-snapshot")!;
    expect(result.path).toBe(join(cfg.dest, rolling.filename));
    expect((await readFile(result.path)).length).toBe(rolling.filesize_bytes);
    expect(result.next).toBe(`octez-node snapshot import ${result.path} --block ${rolling.block_hash} --data-dir <empty data dir> --network ghostnet`);
    expect(logger.messages("warning").join("\n")).toContain("No tezos-snapshot made by octez 99; using the newest one, made by octez 23");
  });

  it("rejects a corrupted artifact and leaves no partial data dir", async () => {
    const tarball = published.published.find((a) => a.artifact_type === "tarball")!;
    const path = join(world.bucketDir, "ghostnet", tarball.filename);
    const original = await readFile(path);
    const corrupted = Buffer.from(original);
    const middle = Math.floor(corrupted.length / 2);
    corrupted.writeUInt8(corrupted.readUInt8(middle) ^ 0xff, middle);
    await writeFile(path, corrupted);
    try {
      const cfg = config({});
      const error = await fetchSnapshot(cfg, { logger: new RecordingLogger() }).catch((e) => e);
      expect(error).toBeInstanceOf(IntegrityError);
      expect(existsSync(cfg.dest)).toBe(false);
    } finally {
      await writeFile(path, original);
    }
  });

  it("an interrupted download leaves no partial data dir", async () => {
    const tarball = published.published.find((a) => a.artifact_type === "tarball")!;
    const bytes = await readFile(join(world.bucketDir, "ghostnet", tarball.filename));
    // A server that sends the index, then half the artifact and drops the connection.
    const server = createServer((req, res) => {
      if (req.url === "/tezos-snapshots.json") return res.end(JSON.stringify({ data: [{ ...tarball, url: `http://127.0.0.1:${port}/t.lz4` }] }));
      res.writeHead(200, { "content-length": bytes.length });
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const cfg = config({ indexUrl: `http://127.0.0.1:${port}/tezos-snapshots.json` });
      const error = await fetchSnapshot(cfg, { logger: new RecordingLogger() }).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(existsSync(cfg.dest)).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("treats the index as untrusted: skips a filename that is a path, refuses a file:// url from an http index", async () => {
    const rolling = published.published.find((a) => a.artifact_type === "tezos-snapshot")!;
    let data: unknown[] = [];
    const server = createServer((req, res) => {
      if (req.url === "/tezos-snapshots.json") return res.end(JSON.stringify({ data }));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const cfg = config({ indexUrl: `http://127.0.0.1:${port}/tezos-snapshots.json`, artifactType: "tezos-snapshot" });
      // Only entry: one whose filename would write outside dest.
      data = [{ ...rolling, filename: "../../escaped.rolling", block_height: rolling.block_height + 1 }];
      const traversal = await fetchSnapshot(cfg, { logger: new RecordingLogger() }).catch((e) => e);
      expect(traversal).toBeInstanceOf(NotFoundError);
      expect(existsSync(join(cfg.dest, "..", "..", "escaped.rolling"))).toBe(false);
      // An http index naming a local file: never read this host's files for it.
      data = [{ ...rolling, url: "file:///etc/passwd" }];
      const local = await fetchSnapshot(cfg, { logger: new RecordingLogger() }).catch((e) => e);
      expect(local).toBeInstanceOf(UpstreamError);
      expect(local.message).toContain("file:///etc/passwd");
      expect(local.hint).toContain("http(s)://");
      expect(existsSync(cfg.dest)).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("follows redirects (S3 website redirects) to the artifact and verifies it", async () => {
    const tarball = published.published.find((a) => a.artifact_type === "tarball")!;
    const bytes = await readFile(join(world.bucketDir, "ghostnet", tarball.filename));
    const server = createServer((req, res) => {
      if (req.url === "/tezos-snapshots.json") return res.end(JSON.stringify({ data: [{ ...tarball, url: `http://127.0.0.1:${port}/latest-tarball` }] }));
      if (req.url === "/latest-tarball") return res.writeHead(301, { location: `/objects/${tarball.filename}` }).end();
      res.writeHead(200, { "content-length": bytes.length }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const cfg = config({ indexUrl: `http://127.0.0.1:${port}/tezos-snapshots.json` });
      const result = await fetchSnapshot(cfg, { logger: new RecordingLogger() });
      expect(result.sha256).toBe(tarball.sha256);
      expect(existsSync(cfg.dest)).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("checks free disk space and the destination before downloading; says what the index offers", async () => {
    const cfg = config({});
    const full = await fetchSnapshot(cfg, { logger: new RecordingLogger(), freeBytes: async () => 1000 }).catch((e) => e);
    expect(full).toBeInstanceOf(ConfigError);
    expect(full.message).toMatch(/has 1000 B free, but tezos-ghostnet-rolling-tarball-\d+\.lz4 alone is/);
    expect(existsSync(cfg.dest)).toBe(false);
    await mkdir(cfg.dest);
    await writeFile(join(cfg.dest, "keep-me"), "x");
    await expect(fetchSnapshot(cfg, { logger: new RecordingLogger() })).rejects.toThrow(/is not empty/);
    const missing = await fetchSnapshot(config({ network: "mainnet" }), { logger: new RecordingLogger() }).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.hint).toContain("ghostnet/rolling/tarball, ghostnet/rolling/tezos-snapshot");
    // A file:// index works too.
    const local = await fetchSnapshot(config({ indexUrl: pathToFileURL(join(world.bucketDir, "shots", "tezos-snapshots.json")).href }), { logger: new RecordingLogger() });
    expect(local.artifact.artifact_type).toBe("tarball");
  });

  describeWithTools(["chromium"], "in headless Chromium", ({ chromium: executablePath }) => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
    });
    afterAll(() => browser?.close());

    it("shows the latest artifacts with working relative links, from a plain static server", async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${web.url}/shots/index.html`);
      expect(response?.status()).toBe(200);
      for (const artifact of published.published) {
        const section = page.locator(`section[data-artifact-type="${artifact.artifact_type}"]`);
        await expect(section.locator("a.download").textContent()).resolves.toBe(artifact.filename);
        const text = await section.textContent();
        expect(text).toContain(String(artifact.block_height));
        expect(text).toContain(artifact.sha256);
        expect(text).toContain("octez 23.1");
      }
      const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => (a as unknown as { href: string }).href));
      expect(hrefs.length).toBeGreaterThanOrEqual(7);
      for (const href of hrefs) {
        const linked = await page.request.get(href);
        expect(linked.status(), href).toBe(200);
      }
      const download = published.published[0]!;
      const body = await page.request.get(await page.locator(`section[data-artifact-type="${download.artifact_type}"] a.download`).evaluate((a) => (a as unknown as { href: string }).href));
      expect((await body.body()).length).toBe(download.filesize_bytes);
      await page.click("text=All artifacts");
      await expect(page.locator("tbody tr").count()).resolves.toBe(published.published.length);
      await page.close();
    });

    it("works from file:// too (relative links)", async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(world.bucketDir, "shots", "index.html")).href);
      const href = await page.locator("a.download").first().evaluate((a) => (a as unknown as { href: string }).href);
      expect(href.startsWith(pathToFileURL(join(world.bucketDir, "ghostnet")).href)).toBe(true);
      expect(existsSync(new URL(href))).toBe(true);
      await page.close();
    });
  });
});

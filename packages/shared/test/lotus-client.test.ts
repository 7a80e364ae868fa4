import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, ManualClock, RecordingLogger, UpstreamError } from "@chainops/shared";
import { LotusClient, LotusRpcError, expectedHeight, chainTimeOf, parseLotusApi, readLotusRepoEndpoint, resolveLotusEndpoint } from "@chainops/shared/chains/lotus";
import { startLotusSim, type LotusSim } from "@chainops/testkit";

let dir: string;
let sim: LotusSim;
let clock: ManualClock;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lotus-client-"));
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  sim = await startLotusSim({ clock, repoDir: join(dir, "repo"), height: 5000, nullRounds: [4990, 4991] });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe("Lotus endpoint", () => {
  it.each([
    ["/ip4/127.0.0.1/tcp/1234/http", "http://127.0.0.1:1234/rpc/v1", undefined],
    ["/dns/lotus.internal/tcp/443/https", "https://lotus.internal:443/rpc/v1", undefined],
    ["/ip6/::1/tcp/1234/ws", "http://[::1]:1234/rpc/v1", undefined],
    ["eyJhbGciOi.tok:/ip4/10.0.0.5/tcp/1234/http", "http://10.0.0.5:1234/rpc/v1", "eyJhbGciOi.tok"],
    ["http://127.0.0.1:1234", "http://127.0.0.1:1234/rpc/v1", undefined],
    ["ws://127.0.0.1:1234/rpc/v1", "http://127.0.0.1:1234/rpc/v1", undefined],
  ])("%s → %s", (raw, url, token) => {
    expect(parseLotusApi(raw)).toEqual(token ? { url, token } : { url });
  });

  it.each(["", "http://127.0.0.1:1234/rpc/v0", "/ip4/127.0.0.1/udp/1234", "ftp://x", "/ip4/127.0.0.1/http"])("refuses %j naming lotus-api", (raw) => {
    expect(() => parseLotusApi(raw)).toThrow(ConfigError);
    expect(() => parseLotusApi(raw)).toThrow(/lotus-api/);
  });

  it("reads $LOTUS_PATH/api and token; a missing api file says the daemon is not running", async () => {
    expect(await readLotusRepoEndpoint(sim.repoDir)).toEqual({ url: sim.url, token: sim.adminToken });
    await mkdir(join(dir, "empty"));
    await expect(readLotusRepoEndpoint(join(dir, "empty"))).rejects.toMatchObject({ input: "lotus-path", hint: expect.stringMatching(/lotus-daemon is running/) });
    expect(await resolveLotusEndpoint({ api: sim.multiaddr, path: sim.repoDir })).toEqual({ url: sim.url, token: sim.adminToken });
    expect(await resolveLotusEndpoint({ api: sim.multiaddr, token: "given", path: sim.repoDir })).toEqual({ url: sim.url, token: "given" });
    await expect(resolveLotusEndpoint({})).rejects.toThrow(ConfigError);
  });
});

describe("LotusClient against the simulator", () => {
  const client = (token?: string, logger = new RecordingLogger()) => new LotusClient({ url: sim.url, token, clock, logger, attempts: 3 });

  it("reads head, sync state, tipsets by height (null rounds resolve earlier), params, name and version", async () => {
    const lotus = client();
    const head = await lotus.chainHead();
    expect(head.Height).toBe(5000);
    expect(head.Cids.length).toBe(head.Blocks.length);
    const params = await lotus.stateGetNetworkParams();
    expect(expectedHeight(chainTimeOf(params), clock.now())).toBe(5000);
    clock.advance(30_000 * 3);
    expect((await lotus.chainHead()).Height).toBe(5003);
    expect((await lotus.chainGetTipSetByHeight(4991)).Height).toBe(4989);
    expect((await lotus.chainGetTipSetByHeight(4992)).Blocks[0]!.Parents).toEqual((await lotus.chainGetTipSetByHeight(4989)).Cids);
    expect(await lotus.stateNetworkName()).toBe("mainnet");
    expect((await lotus.version()).Version).toMatch(/^1\./);
    expect((await lotus.syncState()).ActiveSyncs?.[0]?.Stage).toBe(4);
    // Lotus's own `@<height>` resolution sends an empty tipset key: [].
    expect(sim.calls.find((c) => c.method === "ChainGetTipSetByHeight")?.params).toEqual([4991, []]);
  });

  it("sends the token as a Bearer header; admin calls without a token are a ConfigError before any request", async () => {
    const calls = sim.calls.length;
    await expect(client().chainExportRangeInternal([], [], { WriteBufferSize: 1, NumWorkers: 1, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true })).rejects.toThrow(ConfigError);
    expect(sim.calls.length).toBe(calls);
    await expect(client(sim.readToken).call("ChainExportRangeInternal", [[], [], {}], { perm: "admin", retry: false })).rejects.toThrow(/missing permission.*need 'admin'/);
    await client(sim.adminToken).chainHead();
    expect(sim.calls.at(-1)?.perm).toBe("admin");
  });

  it("a wrong token is a clear, non-retried failure naming the method and node", async () => {
    const error = await client("nope").chainHead().catch((e: Error) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/Lotus at 127\.0\.0\.1:\d+: Filecoin\.ChainHead was refused \(HTTP 401\)/);
    expect(sim.calls.length).toBe(0); // refused before the body was read
  });

  it("retries transport failures, not answers", async () => {
    const logger = new RecordingLogger();
    sim.fail("ChainHead", { kind: "http", status: 503 });
    const before = sim.calls.length;
    await expect(client(undefined, logger).chainHead()).rejects.toThrow(/HTTP 503/);
    expect(sim.calls.length - before).toBe(3);
    expect(logger.messages("warning").join("\n")).toMatch(/attempt 1 of 3/);

    sim.fail("ChainHead", { kind: "rpc", message: "chain store is closing" });
    const rpcBefore = sim.calls.length;
    const error = await client().chainHead().catch((e: Error) => e);
    expect(error).toBeInstanceOf(LotusRpcError);
    expect((error as Error).message).toMatch(/Filecoin\.ChainHead failed: chain store is closing/);
    expect((error as LotusRpcError).hint).toMatch(/journalctl -u lotus-daemon/);
    expect(sim.calls.length - rpcBefore).toBe(1);

    sim.clearFailures();
    sim.fail("Version", { kind: "reset" });
    await expect(client().version()).rejects.toThrow(/Filecoin\.Version failed/);
  });

  it("a node that is down is a retryable transport error with a hint", async () => {
    await sim.stop();
    const error = (await client().chainHead().catch((e: Error) => e)) as UpstreamError;
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.hint).toMatch(/lotus-daemon running/);
  });

  it("unknown methods say so", async () => {
    await expect(client().call("ChainNoSuchThing", [])).rejects.toThrow(/method 'Filecoin.ChainNoSuchThing' not found/);
  });

  it("a timeout names the method", async () => {
    const hold = sim.holdExports();
    const lotus = new LotusClient({ url: sim.url, token: sim.adminToken, clock });
    const tail = await lotus.chainGetTipSetByHeight(10);
    const head = await lotus.chainGetTipSetByHeight(20);
    await expect(lotus.chainExportRangeInternal(head.Cids, tail.Cids, { WriteBufferSize: 1, NumWorkers: 1, IncludeMessages: true, IncludeReceipts: true, IncludeStateRoots: true }, { timeoutMs: 200 })).rejects.toThrow(/ChainExportRangeInternal timed out/);
    hold();
  });
});

import { describe, expect, it, afterEach } from "vitest";
import { ManualClock } from "@chainops/shared";
import {
  createSpacemeshGateway,
  ed25519KeyPair,
  genesisId,
  p2pIdentity,
  peerIdOf,
  poetInfo,
  poetKeys,
  publicKeyOfPeerId,
  readP2pKey,
} from "@chainops/shared/chains/spacemesh";
import { describeConformance, readConformanceJson, startPoetSim, startSpacemeshSim, type PoetSim, type SpacemeshSim } from "@chainops/testkit";

let sim: SpacemeshSim | undefined;
let poet: PoetSim | undefined;
afterEach(async () => {
  await sim?.close();
  await poet?.close();
  sim = undefined;
  poet = undefined;
});

describe("genesis ID", () => {
  it("is the first 20 bytes of blake3(unix seconds ‖ extra data), as go-spacemesh's stable test has it", () => {
    // go-spacemesh config/genesis_test.go: time.Unix(10101, 0) and "one" → hash.Sum("10101", "one")[:20].
    const id = genesisId(new Date(10_101_000), "one");
    expect(id).toHaveLength(40);
    expect(genesisId("1970-01-01T02:48:21Z", "one")).toBe(id);
    expect(genesisId(new Date(10_101_999), "one")).toBe(id); // whole seconds only
    expect(genesisId(new Date(10_102_000), "one")).not.toBe(id);
  });

  it("refuses extra data go-spacemesh refuses", () => {
    expect(() => genesisId(new Date(0), "")).toThrow(/genesis-extra-data.*1 to 255/);
    expect(() => genesisId(new Date(0), "x".repeat(256))).toThrow(/1 to 255/);
  });
});

describeConformance("Spacemesh facts against the published mainnet config", () => {
  const mainnet = readConformanceJson<{ genesis: Record<string, string>; p2p: { bootnodes: string[] } }>("spacemesh/config.mainnet.json");

  it("gives mainnet's genesis ID from its genesis-time and extra data", () => {
    // The mainnet genesis ID smapp and the explorers show.
    expect(genesisId(mainnet.genesis["genesis-time"]!, mainnet.genesis["genesis-extra-data"]!)).toBe("9eebff023abb17ccb775c602daade8ed708f0a50");
  });

  it("reads every mainnet bootnode's peer ID as an inlined ed25519 key and writes it back the same", () => {
    for (const address of mainnet.p2p.bootnodes) {
      const id = address.split("/p2p/")[1]!;
      expect(peerIdOf(publicKeyOfPeerId(id))).toBe(id);
    }
  });
});

describe("p2p.key", () => {
  it("is go-spacemesh's identityInfo JSON whose ID is the peer ID of its Key", () => {
    const pair = ed25519KeyPair(Buffer.alloc(32, 7));
    const identity = p2pIdentity(pair);
    const parsed = JSON.parse(identity.keyFile) as { Key: string; ID: string };
    expect(Object.keys(parsed)).toEqual(["Key", "ID"]);
    expect(parsed.ID).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/);
    const key = Buffer.from(parsed.Key, "base64");
    expect(key.subarray(0, 4)).toEqual(Buffer.from([0x08, 0x01, 0x12, 0x40]));
    expect(key.subarray(4)).toEqual(pair.privateKey);
    expect(readP2pKey(identity.keyFile)).toEqual({ peerId: identity.peerId, publicKey: pair.publicKey });
    expect(publicKeyOfPeerId(identity.peerId)).toEqual(pair.publicKey);
  });

  it("refuses a file whose ID does not belong to its Key", () => {
    const a = JSON.parse(p2pIdentity().keyFile) as { Key: string };
    const b = p2pIdentity();
    expect(() => readP2pKey(JSON.stringify({ Key: a.Key, ID: b.peerId }))).toThrow(/is not the peer ID of its Key/);
  });

  it("PoET keys: POET_PRIVATE_KEY is base64 of the 64-byte key, the pubkey its 32-byte half", () => {
    const keys = poetKeys(ed25519KeyPair());
    expect(Buffer.from(keys.privateKeyBase64, "base64")).toHaveLength(64);
    expect(Buffer.from(keys.privateKeyBase64, "base64").subarray(32).toString("base64")).toBe(keys.publicKeyBase64);
  });
});

describe("JSON gateway client against the node simulator", () => {
  const genesisTime = "2026-01-01T00:00:00Z";
  it("detects v2beta1 where served, and v1 on a node that only has v1", async () => {
    const clock = new ManualClock(Date.parse(genesisTime) + 10 * 60_000);
    sim = await startSpacemeshSim({ clock, genesisTime, layerDurationMs: 60_000, nodes: { new: { api: "v2beta1", accounts: { sm1abc: 5n * 10n ** 18n } }, old: { api: "v1", accounts: { sm1abc: 42 } } } });
    const v2 = createSpacemeshGateway({ url: sim.urlOf("new") });
    const v1 = createSpacemeshGateway({ url: sim.urlOf("old") });
    expect(await v2.api()).toBe("v2beta1");
    expect(await v1.api()).toBe("v1");
    expect(await v2.status()).toEqual({ api: "v2beta1", synced: true, connectedPeers: 8, topLayer: 10, syncedLayer: 9, verifiedLayer: 8 });
    expect(await v1.status()).toEqual({ api: "v1", synced: true, connectedPeers: 8, topLayer: 10, syncedLayer: 9, verifiedLayer: 8 });
    expect((await v2.account("sm1abc")).balance).toBe("5000000000000000000");
    expect((await v1.account("sm1abc")).balance).toBe("42");
    expect(sim.requests.filter((r) => r.node === "old").map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /spacemesh.v2beta1.NodeService/Status",
      "POST /v1/node/status",
      "POST /v1/globalstate/account",
    ]);
  });

  it("sees a stalled node's layer stop, and reports a dead node as unreachable", async () => {
    const clock = new ManualClock(Date.parse(genesisTime) + 5 * 60_000);
    sim = await startSpacemeshSim({ clock, genesisTime, layerDurationMs: 60_000, nodes: { a: {} } });
    const client = createSpacemeshGateway({ url: sim.urlOf("a") });
    sim.node("a").stall();
    clock.advance(3 * 60_000);
    expect(await client.status()).toMatchObject({ synced: false, topLayer: 5 });
    sim.node("a").down();
    await expect(client.status()).rejects.toThrow(/Spacemesh API GET .* failed/);
  });
});

describe("PoET /v1/info", () => {
  it("answers the service key of the POET_PRIVATE_KEY it was given", async () => {
    const keys = poetKeys(ed25519KeyPair());
    poet = await startPoetSim({ poets: { "poet-0": keys.privateKeyBase64, broken: "AAAA" } });
    expect(await poetInfo(poet.urlOf("poet-0"))).toEqual({ servicePubkey: keys.publicKeyBase64, phaseShift: "30s", cycleGap: "30s" });
    await expect(poetInfo(poet.urlOf("broken"))).rejects.toThrow(/HTTP 503 without a service_pubkey/);
  });
});

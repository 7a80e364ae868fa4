import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, readJson, readText, type ObjectStore } from "@chainops/shared/storage";
import { startGcs, type GcsFake } from "@chainops/testkit";
import { publishDiscoveryEntry, removeDiscoveryEntry } from "../src/discovery";
import { discoveryEntry } from "../src/discovery-entry";
import { planningConfig } from "./plan-fixtures";

const entryFor = (network: string, id: string) => discoveryEntry(planningConfig({ network, domain: "spacemesh.network", "dns-target": "203.0.113.10" }), id, `https://configs.example.org/configs/${network}.json`);

// What smapp and others read today, with fields we never write; they must come back as they were.
const EXISTING = [
  { netName: "testnet-11", conf: "https://configs.spacemesh.network/testnet-11.json", genesisID: "aa".repeat(20), explorerConf: { nested: [1, 2.5, null, "x"] }, repository: "https://github.com/spacemeshos/go-spacemesh" },
  { netName: "mainnet", conf: "https://configs.spacemesh.network/config.mainnet.json", genesisID: "9eebff023abb17ccb775c602daade8ed708f0a50", nodeBaseDownloadUrl: "https://storage.googleapis.com/go-spacemesh-release-builds" },
  "a string entry some tool wrote",
];
// A 20-digit number JSON.parse would round, and spacing a re-serializer would change.
const EXISTING_TEXT = `[${JSON.stringify(EXISTING[0])},\n  {"netName":"mainnet", "conf":"https://configs.spacemesh.network/config.mainnet.json","genesisID":"9eebff023abb17ccb775c602daade8ed708f0a50","nodeBaseDownloadUrl":"https://storage.googleapis.com/go-spacemesh-release-builds","bigNumber":12345678901234567890},\n  "a string entry, with [brackets] and \\"quotes\\""]`;

function suite(name: string, open: () => Promise<ObjectStore>): void {
  describe(`discovery file on ${name}`, () => {
    it("puts the new entry first and keeps every other entry and unknown field, as JSON values", async () => {
      const store = await open();
      await store.put("networks.json", EXISTING_TEXT);
      expect(await publishDiscoveryEntry(store, "networks.json", entryFor("devnet-42", "01".repeat(20)))).toBe(true);
      const after = (await readJson<unknown[]>(store, "networks.json"))!.value;
      expect(after[0]).toMatchObject({ netName: "devnet-42", genesisID: "01".repeat(20) });
      const text = await readText(store, "networks.json");
      for (const original of ['"bigNumber":12345678901234567890}', '"a string entry, with [brackets] and \\"quotes\\""', JSON.stringify(EXISTING[0])]) expect(text).toContain(original);
      // Our entry again, with a field someone added by hand: no change, the field stays.
      const edited = (await readText(store, "networks.json")).replace('"netName": "devnet-42"', '"addedByHand": {"keep": true}, "netName": "devnet-42"');
      await store.put("networks.json", edited);
      expect(await publishDiscoveryEntry(store, "networks.json", entryFor("devnet-42", "01".repeat(20)))).toBe(false);
      expect(((await readJson<Array<Record<string, unknown>>>(store, "networks.json"))!.value[0]!).addedByHand).toEqual({ keep: true });
      expect(await removeDiscoveryEntry(store, "networks.json", "01".repeat(20))).toBe(true);
      expect(await readText(store, "networks.json")).toContain('"bigNumber":12345678901234567890}');
      expect((await readJson<unknown[]>(store, "networks.json"))!.value).toHaveLength(3);
    });

    it("5 concurrent updates lose none", async () => {
      const store = await open();
      await store.put("networks.json", JSON.stringify(EXISTING.slice(0, 1)));
      const ids = Array.from({ length: 5 }, (_, i) => String(i + 1).padStart(2, "0").repeat(20));
      await Promise.all(ids.map((id, i) => publishDiscoveryEntry(store, "networks.json", entryFor(`devnet-${i}`, id))));
      const after = (await readJson<Array<Record<string, unknown>>>(store, "networks.json"))!.value;
      expect(after.map((e) => e.genesisID).sort()).toEqual([...ids, "aa".repeat(20)].sort());
      expect(after.at(-1)).toEqual(EXISTING[0]);
    });
  });
}

let dir: string;
let gcs: GcsFake;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "discovery-"));
  gcs = await startGcs();
});
afterAll(async () => {
  await gcs.close();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
suite("file://", () => openStore(pathToFileURL(join(dir, `store-${++n}`)).href));
suite("the GCS fake", () => openStore(`gs://discovery-${++n}/net`, gcs.storeOptions()));

// The local world the deploy-network tests run in: the Kubernetes API fake driven by the real
// client-node, a file:// bucket, Cloudflare through the capture server with the real SDK, a
// manual clock and fixed key seeds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Cloudflare from "cloudflare";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { openStore, type ObjectStore } from "@chainops/shared/storage";
import { cloudflareApi, startCaptureServer, startKubeFake, type CaptureServer, type DnsRecord, type KubeFake } from "@chainops/testkit";
import { loadNetworkConfig, type NetworkConfig } from "../src/config";
import type { RunDeps } from "../src/deps";
import { kubeFromKubeconfig } from "../src/kube-client";
import { COINBASE, NOW, seededKeys } from "./plan-fixtures";

export const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

export interface World {
  dir: string;
  kube: KubeFake;
  kubeconfig: string;
  store: ObjectStore;
  storeUrl: string;
  clock: ManualClock;
  logger: RecordingLogger;
  cloudflare: CaptureServer;
  records: DnsRecord[];
  deps(extra?: Partial<RunDeps>): RunDeps;
  config(command: string, inputs?: Record<string, string>): NetworkConfig;
  close(): Promise<void>;
}

export const NETWORK_INPUTS = { network: "devnet-42", miners: "5", bootnodes: "2", poets: "2", coinbases: COINBASE, domain: "spacemesh.network", "dns-target": "203.0.113.10", "cloudflare-zone-id": ZONE, "public-base-url": "https://configs.example.org" };

export async function startWorld(options: { nodes?: number } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "deploy-network-"));
  const kube = await startKubeFake({ nodes: options.nodes ?? 3 });
  const kubeconfig = kube.writeKubeconfig(join(dir, "kubeconfig"));
  const storeUrl = pathToFileURL(join(dir, "bucket")).href;
  const store = await openStore(storeUrl);
  const clock = new ManualClock(NOW);
  const logger = new RecordingLogger();
  const routes = cloudflareApi();
  const cloudflare = await startCaptureServer({ routes });
  const keys = seededKeys();
  return {
    dir,
    kube,
    kubeconfig,
    store,
    storeUrl,
    clock,
    logger,
    cloudflare,
    records: routes.records,
    deps: (extra = {}) => ({
      store,
      clock,
      logger,
      kube: () => kubeFromKubeconfig(kubeconfig, { clock }),
      cloudflare: new Cloudflare({ apiToken: "cf-test-token", baseURL: `${cloudflare.url}/client/v4`, maxRetries: 0 }),
      newSeed: keys.newSeed,
      ...extra,
    }),
    config: (command, inputs = {}) => loadNetworkConfig({ command, store: storeUrl, kubeconfig, ...NETWORK_INPUTS, ...inputs }),
    async close() {
      await kube.close();
      await cloudflare.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

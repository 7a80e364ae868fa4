// Demo step: a Spacemesh test network planned, then created on the Kubernetes API fake (the real
// @kubernetes/client-node over HTTP, server-side apply), DNS through the real Cloudflare SDK at a
// capture server, the published config and discovery file in the demo bucket. What a reviewer
// looks at lands in .demo/deploy-network/: plan.json, manifests/*.yaml, configs/, networks.json.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import yaml from "js-yaml";
import { ConsoleLogger, systemClock } from "@chainops/shared";
import { openStore, readText } from "@chainops/shared/storage";
import { cloudflareApi, startCaptureServer, startKubeFake } from "@chainops/testkit";
import { loadNetworkConfig, type PlanningConfig } from "../../actions/deploy-network/src/config";
import { kubeFromKubeconfig } from "../../actions/deploy-network/src/kube-client";
import type { NetworkPlan } from "../../actions/deploy-network/src/plan";
import { run } from "../../actions/deploy-network/src/run";
import type { Manifest } from "../../actions/deploy-network/src/manifests";
import type { DemoContext } from "./context";

const SAMPLE = {
  network: "devnet-demo",
  miners: "8",
  bootnodes: "2",
  poets: "2",
  coinbases: "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv",
  domain: "spacemesh.example",
  "dns-target": "203.0.113.10",
  "cloudflare-zone-id": "023e105f4ecef8ad9ca31a8372d0c353",
  "machine-type": "e2-standard-8",
};

export const deployNetworkStep = {
  name: "deploy-network",
  async run(context: DemoContext): Promise<void> {
    context.step("deploy-network: plan a Spacemesh test network, then create it on a local Kubernetes API fake");
    const out = join(context.dir, "deploy-network");
    await mkdir(join(out, "manifests"), { recursive: true });
    await mkdir(join(out, "configs"), { recursive: true });
    const kube = await startKubeFake({ nodes: 3 });
    const routes = cloudflareApi();
    const cloudflare = await startCaptureServer({ routes });
    try {
      const kubeconfig = kube.writeKubeconfig(join(out, "kubeconfig"));
      const store = await openStore(context.bucketUrl);
      const logger = new ConsoleLogger();
      const deps = {
        store,
        clock: systemClock,
        logger,
        kube: () => kubeFromKubeconfig(kubeconfig, { clock: systemClock }),
        cloudflare: new Cloudflare({ apiToken: "demo-token", baseURL: `${cloudflare.url}/client/v4`, maxRetries: 0 }),
      };
      const inputs = { ...SAMPLE, store: context.bucketUrl, kubeconfig };

      const planned = await run(loadNetworkConfig({ ...inputs, command: "plan" }), deps);
      console.log(planned.report.toText());

      // create prints the same plan and applies it; its keys and genesis are the ones the cluster now holds, so the files come from it.
      const created = await run(loadNetworkConfig({ ...inputs, command: "create" }) as PlanningConfig, deps);
      const { plan, manifests } = created.json as { plan: NetworkPlan; manifests: Manifest[] };
      console.log(`\n  create: ${created.outputs.changed} changes; genesis ID ${created.outputs["genesis-id"]}`);
      await writeFile(join(out, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
      for (const [file, body] of Object.entries(plan.configs)) await writeFile(join(out, "configs", file), typeof body === "string" ? body : `${JSON.stringify(body, null, 2)}\n`);
      // The manifests as applied (Secrets redacted), one file per kind and name.
      for (const manifest of manifests) {
        const file = `${String(manifest.kind).toLowerCase()}-${manifest.metadata.name}.yaml`;
        await writeFile(join(out, "manifests", file), yaml.dump(manifest, { lineWidth: 160 }));
      }
      await writeFile(join(out, "networks.json"), await readText(store, "networks.json"));
      const again = await run(loadNetworkConfig({ ...inputs, command: "create" }) as PlanningConfig, { ...deps, logger: new ConsoleLogger() });
      console.log(`  create again: ${again.outputs.changed} changes (nothing to do)`);
      const pods = kube.objects("Pod", "devnet-demo").map((p) => `${p.metadata.name} on ${p.spec.nodeName} (${p.status.podIP})`);
      console.log(`  pods:\n${pods.map((p) => `    ${p}`).join("\n")}`);
      console.log(`  DNS records: ${routes.records.map((r) => `${r.name} → ${r.content}${r.proxied ? " (proxied)" : ""}`).join(", ")}`);
      console.log(`  wrote ${out}/plan.json, manifests/ (${manifests.length} files), configs/ (${Object.keys(plan.configs).length} files), networks.json`);
    } finally {
      await kube.close();
      await cloudflare.close();
    }
  },
};

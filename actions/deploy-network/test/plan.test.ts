import { describe, expect, it } from "vitest";
import { readP2pKey } from "@chainops/shared/chains/spacemesh";
import { loadNetworkConfig } from "../src/config";
import { nodeCountFor } from "../src/plan";
import { validateManifest, type Manifest } from "../src/manifests";
import { COINBASE, COINBASE_2, planFor } from "./plan-fixtures";

const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url).pathname;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function secretValue(manifests: Manifest[], name: string, key: string): string {
  const secret = manifests.find((m) => m.kind === "Secret" && m.metadata.name === name)!;
  return Buffer.from((secret.data as Record<string, string>)[key]!, "base64").toString("utf8");
}

describe("plan: golden networks", () => {
  it("10 miners, 6 bootnodes, 1 PoET", async () => {
    const { plan, manifests } = planFor({ network: "devnet-42", miners: "10", bootnodes: "6", poets: "1", domain: "spacemesh.network", "dns-target": "203.0.113.10" });
    expect(plan.nodes.filter((n) => n.role === "bootnode")).toHaveLength(6);
    expect(plan.nodes.filter((n) => n.role === "smesher").map((n) => n.name)).toEqual(["smesher-0", "smesher-1", "smesher-2", "smesher-3"]);
    expect(plan.nodes.filter((n) => n.role === "smesher").every((n) => n.poet === "poet-0")).toBe(true);
    // 6 bootnodes need 6 Kubernetes nodes (anti-affinity) though 4×2 + 6×1 + 1 CPU fit on 2 e2-standard-8.
    expect(plan.cluster).toMatchObject({ nodeCount: 6, sizedBy: "one node per bootnode", totalCpu: "15" });
    expect(plan.genesis.time).toBe("2026-01-01T00:30:00Z");
    expect(plan.keys.map((k) => k.secret)).toEqual([...Array.from({ length: 6 }, (_, i) => `bootnode-${i}-p2p`), "poet-0-key"]);
    expect(JSON.stringify(plan)).not.toContain(secretValue(manifests, "poet-0-key", "POET_PRIVATE_KEY"));
    expect(plan.dns.map((r) => `${r.name} ${r.proxied ? "proxied" : "dns-only"}`).slice(0, 4)).toEqual([
      "api-devnet-42.spacemesh.network dns-only",
      "api-json-devnet-42.spacemesh.network dns-only",
      "dash-api-devnet-42.spacemesh.network proxied",
      "explorer-api-devnet-42.spacemesh.network proxied",
    ]);
    await expect(json(plan)).toMatchFileSnapshot(golden("plan-10-miners-6-bootnodes-1-poet.json"));
  });

  it("bootstrap false: new bootnodes join the given bootnodes, and nothing else is planned", async () => {
    const external = "/dns4/bootnode-0-devnet-1.spacemesh.network/tcp/7513/p2p/12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf";
    const { plan } = planFor({ network: "devnet-1", bootstrap: "false", bootnodes: "2", "external-bootnodes": external, "genesis-time": "2025-12-01T00:00:00Z", "genesis-extra-data": "devnet-1" });
    expect(plan.nodes.map((n) => n.name)).toEqual(["bootnode-0", "bootnode-1"]);
    expect(plan.poets).toEqual([]);
    expect(plan.dns).toEqual([]);
    expect(plan.discovery).toBeUndefined();
    for (const file of ["bootnode-0.json", "bootnode-1.json"]) expect((plan.configs[file] as any).p2p.bootnodes).toEqual([external]);
    expect(plan.objects).toEqual(expect.not.arrayContaining([expect.stringMatching(/poet|smesher|-logs|-metrics/)]));
    await expect(json(plan)).toMatchFileSnapshot(golden("plan-bootstrap-false.json"));
  });

  it("3 PoETs: smeshers take them round robin, the published config lists all three in order", async () => {
    const { plan } = planFor({ network: "devnet-7", miners: "9", bootnodes: "2", poets: "3", coinbases: `${COINBASE},${COINBASE_2}` });
    const smeshers = plan.nodes.filter((n) => n.role === "smesher");
    expect(smeshers.map((n) => `${n.name}:${n.poet}`)).toEqual(["smesher-0:poet-0", "smesher-1:poet-1", "smesher-2:poet-2", "smesher-3:poet-0", "smesher-4:poet-1", "smesher-5:poet-2", "smesher-6:poet-0"]);
    expect(smeshers.map((n) => n.coinbase)).toEqual([COINBASE, COINBASE_2, COINBASE, COINBASE_2, COINBASE, COINBASE_2, COINBASE]);
    for (const node of smeshers) {
      const servers = (plan.configs[node.config] as any).main["poet-servers"];
      expect(servers).toEqual([plan.poets[Number(node.poet!.split("-")[1])]]);
    }
    expect((plan.configs["published.json"] as any).main["poet-servers"].map((p: { address: string }) => p.address)).toEqual(["http://poet-0:80", "http://poet-1:80", "http://poet-2:80"]);
    await expect(json(plan)).toMatchFileSnapshot(golden("plan-3-poets-round-robin.json"));
  });
});

describe("plan: machine-size arithmetic", () => {
  const machine = { cpuMilli: 8000, memoryMiB: 32768 };
  const pods = (n: number, cpuMilli: number, memoryMiB: number) => Array.from({ length: n }, () => ({ cpuMilli, memoryMiB }));
  it("exactly full machines need no extra node; one millicore or MiB over needs one more", () => {
    expect(nodeCountFor(pods(8, 2000, 4096), machine, 1).count).toBe(2);
    expect(nodeCountFor([...pods(8, 2000, 4096), { cpuMilli: 1, memoryMiB: 1 }], machine, 1).count).toBe(3);
    expect(nodeCountFor(pods(4, 1000, 16384), machine, 1)).toMatchObject({ count: 2, sizedBy: "memory" });
    expect(nodeCountFor([...pods(4, 1000, 16384), { cpuMilli: 1, memoryMiB: 1 }], machine, 1)).toMatchObject({ count: 3, sizedBy: "memory" });
    expect(nodeCountFor([], machine, 0).count).toBe(1);
  });

  it("counts far past 255 nodes (go-spacecraft kept the count in 8 bits)", () => {
    expect(nodeCountFor(pods(2000, 4000, 4096), machine, 2).count).toBe(1000);
    const { plan } = planFor({ network: "bignet", miners: "300", bootnodes: "2", "smesher-cpu": "2", "machine-type": "e2-standard-2" });
    expect(plan.cluster.nodeCount).toBe(300); // ⌈(298 × 2 + 2 × 1 + 1) CPU / 2⌉
    expect(plan.cluster.nodeCount).toBeGreaterThan(255);
  });
});

describe("plan: keys and manifests", () => {
  const { plan, manifests } = planFor({ network: "devnet-9", miners: "6", bootnodes: "3", poets: "2", domain: "example.org", "dns-target": "lb.example.org" });

  it("every bootnode multiaddr's peer ID is the one its generated p2p.key derives", () => {
    for (const node of plan.nodes.filter((n) => n.role === "bootnode")) {
      const { peerId } = readP2pKey(secretValue(manifests, `${node.name}-p2p`, "p2p.key"));
      expect(node.peerId).toBe(peerId);
      expect(plan.bootnodes.inCluster).toContain(`/dns4/${node.name}.devnet-9.svc.cluster.local/tcp/7513/p2p/${peerId}`);
      expect(plan.bootnodes.published).toContain(`/dns4/${node.name}-devnet-9.example.org/tcp/7513/p2p/${peerId}`);
    }
  });

  it("mounts p2p.key from its Secret at <data-dir>/p2p/p2p.key with mode 0600 and pins bootnodes apart with a host port", () => {
    const bootnode = manifests.find((m) => m.kind === "Deployment" && m.metadata.name === "bootnode-0") as any;
    const pod = bootnode.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: "p2p-key", secret: { secretName: "bootnode-0-p2p", defaultMode: 0o600 } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: "p2p-key", mountPath: "/data/p2p/p2p.key", subPath: "p2p.key", readOnly: true });
    expect(pod.containers[0].ports[0]).toEqual({ name: "p2p", containerPort: 7513, hostPort: 7513, protocol: "TCP" });
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe("kubernetes.io/hostname");
    const poet = manifests.find((m) => m.kind === "Deployment" && m.metadata.name === "poet-1") as any;
    expect(poet.spec.template.spec.containers[0].env).toEqual([{ name: "POET_PRIVATE_KEY", valueFrom: { secretKeyRef: { name: "poet-1-key", key: "POET_PRIVATE_KEY" } } }]);
    expect(Buffer.from(secretValue(manifests, "poet-1-key", "POET_PRIVATE_KEY"), "base64")).toHaveLength(64);
  });

  it("applies in the upstream order: namespaces, keys, configs, services, bootnodes, PoETs, smeshers", () => {
    const deployments = plan.objects.filter((o) => o.startsWith("Deployment/")).map((o) => o.split("/")[2]);
    expect(deployments).toEqual(["bootnode-0", "bootnode-1", "bootnode-2", "poet-0", "poet-1", "smesher-0", "smesher-1", "smesher-2"]);
    expect(plan.objects[0]).toBe("Namespace/devnet-9");
  });

  it("every manifest validates against the Kubernetes schema; a broken one names the object and the problem", () => {
    for (const m of manifests) validateManifest(m, manifests);
    const broken = structuredClone(manifests.find((m) => m.kind === "Deployment")!) as any;
    broken.spec.selector.matchLabels["app.kubernetes.io/instance"] = "other";
    expect(() => validateManifest(broken)).toThrow(/manifest Deployment devnet-9\/bootnode-0.*selects app.kubernetes.io\/instance=other/);
    const badPort = structuredClone(manifests.find((m) => m.kind === "Deployment")!) as any;
    badPort.spec.template.spec.containers[0].ports[0].containerPort = "7513";
    expect(() => validateManifest(badPort)).toThrow(/Kubernetes schema.*containerPort must be integer/);
  });
});

describe("plan: bad input names the input and plans nothing", () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["miners < bootnodes + 1", { miners: "3", bootnodes: "3" }, /Invalid miners \(got 3\): must be at least bootnodes \+ 1 \(4\)/],
    ["an unknown machine type", { "machine-type": "e2-huge-9" }, /Invalid machine-type \(got "e2-huge-9"\): is not a machine type.*Example: e2-standard-8/],
    ["a genesis delay in the past", { "genesis-delay": "-5m" }, /Invalid genesis-delay \(got "-5m"\): is in the past/],
    ["a genesis time in the past", { "genesis-time": "2025-06-01T00:00:00Z" }, /Invalid genesis-time .*: is in the past/],
    ["a PoET count of 0", { poets: "0" }, /Invalid poets \(got "0"\): must be between 1 and 16/],
    ["a network name that is not a DNS label", { network: "Dev_Net" }, /Invalid network \(got "Dev_Net"\): is not a DNS label.*Example: devnet-42/],
    ["a network name that is too long", { network: `n${"x".repeat(45)}` }, /Invalid network/],
    ["no coinbase", { coinbases: "" }, /Invalid coinbases: is required/],
    ["a bad external bootnode", { bootstrap: "false", "external-bootnodes": "/ip4/1.2.3.4/tcp/1/p2p/QmNotEd25519", "genesis-time": "2025-01-01T00:00:00Z" }, /Invalid external-bootnodes/],
    ["bootstrap false without external bootnodes", { bootstrap: "false", "genesis-time": "2025-01-01T00:00:00Z" }, /Invalid external-bootnodes: is required when bootstrap is false/],
    ["a domain without a DNS target", { domain: "example.org" }, /Invalid dns-target: is required with domain/],
  ];
  for (const [what, inputs, message] of cases) {
    it(what, () => {
      expect(() => planFor({ network: "devnet-1", ...inputs })).toThrow(message);
    });
  }

  it("an unknown command", () => {
    expect(() => loadNetworkConfig({ command: "destroy" })).toThrow(/Invalid command \(got "destroy"\): must be one of plan, create/);
  });
});

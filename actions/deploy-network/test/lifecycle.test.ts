import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "@chainops/shared/storage";
import { readP2pKey } from "@chainops/shared/chains/spacemesh";
import { acquireLease, readLease } from "@chainops/shared/lease";
import { networkLeaseKey } from "../src/network-lease";
import { run } from "../src/run";
import { startWorld, type World } from "./world";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("create against the fake cluster", () => {
  it("applies bootnodes → PoETs → smeshers; a second create changes nothing, makes no duplicate DNS record and no second discovery entry", async () => {
    world = await startWorld();
    const first = await run(world.config("create"), world.deps());
    expect(first.status).toBe("done");
    const deployments = world.kube.objects("Deployment", "devnet-42");
    expect(deployments.map((d) => d.metadata.name)).toEqual(["bootnode-0", "bootnode-1", "poet-0", "poet-1", "smesher-0", "smesher-1", "smesher-2"]);
    expect(deployments.every((d) => d.status.readyReplicas === 1)).toBe(true);
    // Order of applies: every bootnode Deployment before any PoET, every PoET before any smesher.
    const order = world.kube.writes.filter((w) => w.startsWith("Deployment/")).map((w) => w.split("/")[2]);
    expect(order).toEqual(["bootnode-0", "bootnode-1", "poet-0", "poet-1", "smesher-0", "smesher-1", "smesher-2"]);
    expect(world.kube.requests.filter((r) => r.method === "PATCH").every((r) => r.contentType === "application/apply-patch+yaml" && r.query.fieldManager === "chainops-deploy-network")).toBe(true);

    // Bootnodes sit on different Kubernetes nodes, and their DNS records point at those nodes.
    const bootPods = world.kube.objects("Pod", "devnet-42").filter((p) => p.metadata.labels!["spacemesh.io/role"] === "bootnode");
    expect(new Set(bootPods.map((p) => p.spec.nodeName)).size).toBe(2);
    const names = world.records.map((r) => `${r.type} ${r.name} ${r.content} ${r.proxied}`).sort();
    expect(names).toEqual(
      [
        "A api-devnet-42.spacemesh.network 203.0.113.10 false",
        "A api-json-devnet-42.spacemesh.network 203.0.113.10 false",
        "A dash-api-devnet-42.spacemesh.network 203.0.113.10 true",
        "A explorer-api-devnet-42.spacemesh.network 203.0.113.10 true",
        ...bootPods.map((p) => `A ${p.metadata.labels!["app.kubernetes.io/instance"]}-devnet-42.spacemesh.network ${p.status.hostIP} false`),
      ].sort(),
    );

    // The peer IDs in the configs are those of the keys in the Secrets.
    const secret = world.kube.get("Secret", "devnet-42", "bootnode-0-p2p")!;
    const { peerId } = readP2pKey(Buffer.from(secret.data["p2p.key"], "base64").toString("utf8"));
    const smesherConfig = JSON.parse(world.kube.get("ConfigMap", "devnet-42", "smesher-0-config")!.data["config.json"]);
    expect(smesherConfig.p2p.bootnodes).toContain(`/dns4/bootnode-0.devnet-42.svc.cluster.local/tcp/7513/p2p/${peerId}`);

    const published = await readJson<any>(world.store, "configs/devnet-42.json");
    expect(published!.value.p2p.bootnodes[0]).toBe(`/dns4/bootnode-0-devnet-42.spacemesh.network/tcp/7513/p2p/${peerId}`);
    const discovery = await readJson<any[]>(world.store, "networks.json");
    expect(discovery!.value).toHaveLength(1);
    expect(discovery!.value[0]).toMatchObject({ netName: "devnet-42", conf: "https://configs.example.org/configs/devnet-42.json", genesisID: first.outputs["genesis-id"] });

    const writes = world.kube.writes.length;
    const dnsCalls = world.cloudflare.requests.filter((r) => r.method !== "GET").length;
    world.clock.advance(3_600_000); // an hour later: genesis must not move
    const second = await run(world.config("create"), world.deps());
    expect(second.outputs.changed).toBe("0");
    expect(second.outputs["genesis-id"]).toBe(first.outputs["genesis-id"]);
    expect(world.kube.writes.length).toBe(writes);
    expect(world.cloudflare.requests.filter((r) => r.method !== "GET").length).toBe(dnsCalls);
    expect(world.records).toHaveLength(6);
    expect((await readJson<any[]>(world.store, "networks.json"))!.value).toHaveLength(1);
  });

  it("a missing kubeconfig or an unreachable cluster stops before anything is applied", async () => {
    world = await startWorld();
    await expect(run(world.config("create", { kubeconfig: `${world.dir}/nope` }), world.deps({ kube: undefined }))).rejects.toThrow(/kubeconfig: is required/);
    const { kubeFromKubeconfig } = await import("../src/kube-client");
    await expect(() => kubeFromKubeconfig(`${world!.dir}/nope`, { clock: world!.clock })).toThrow(/Invalid kubeconfig \(got ".*nope"\): names a file that does not exist/);
    const deps = world.deps();
    await world.kube.close();
    await expect(run(world.config("create"), deps)).rejects.toThrow(/Could not reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+/);
    expect(world.records).toEqual([]);
    expect(await world.store.head("networks.json")).toBeNull();
  });

  it("an apply the cluster refuses stops the run with the object and the server's reason", async () => {
    world = await startWorld();
    world.kube.refuseApply({ kind: "Deployment", name: "poet-0", message: 'admission webhook "policy.example.org" denied the request: images must come from our registry' });
    await expect(run(world.config("create"), world.deps())).rejects.toThrow(/Kubernetes refused to apply Deployment devnet-42\/poet-0: HTTP 403: admission webhook/);
    expect(world.kube.get("Deployment", "devnet-42", "smesher-0")).toBeUndefined();
    expect(await world.store.head("networks.json")).toBeNull();
  });
});

describe("the network lease", () => {
  it("a run while another holds the network changes nothing and says who holds it; a finished run releases it", async () => {
    world = await startWorld();
    const other = { name: "github run 77 attempt 1 on runner-2" };
    const held = await acquireLease({ store: world.store, key: networkLeaseKey("devnet-42"), subject: "The devnet-42 network lease", holder: other, ttlMs: 3_600_000, clock: world.clock });
    await expect(run(world.config("create"), world.deps())).rejects.toThrow(/devnet-42 network lease.*github run 77 attempt 1 on runner-2/s);
    expect(world.kube.writes).toEqual([]);
    await held.release();
    await run(world.config("create"), world.deps());
    expect((await readLease(world.store, networkLeaseKey("devnet-42")))!.releasedAt).toBeDefined();
  });
});

describe("upgrade", () => {
  it("rolls one node at a time and stops at the first that does not become Ready, naming it", async () => {
    world = await startWorld();
    await run(world.config("create"), world.deps());
    world.kube.neverReady("smesher-1");
    const upgrade = run(world.config("upgrade", { image: "spacemeshos/go-spacemesh:v1.7.7", "ready-timeout": "2m" }), world.deps());
    await expect(upgrade).rejects.toThrow(/upgrade of devnet-42 stopped at smesher-1: smesher-1 did not become Ready within 2m: 0\/1 ready; pod smesher-1-.*not Ready/);
    const image = (name: string) => world!.kube.get("Deployment", "devnet-42", name)!.spec.template.spec.containers[0].image;
    expect(["bootnode-0", "bootnode-1", "smesher-0", "smesher-1"].map(image)).toEqual(Array(4).fill("spacemeshos/go-spacemesh:v1.7.7"));
    expect(image("smesher-2")).toBe("spacemeshos/go-spacemesh:v1.7.6");
    expect(world.logger.messages("info").some((m) => /waiting for smesher-1: 0\/1 ready after/.test(m))).toBe(true);
  });
});

describe("miners", () => {
  it("add-miner takes the next free number; delete-miner removes one smesher and nothing else", async () => {
    world = await startWorld();
    await run(world.config("create"), world.deps());
    await run(world.config("delete-miner", { "miner-number": "1" }), world.deps());
    expect(world.kube.get("Deployment", "devnet-42", "smesher-1")).toBeUndefined();
    expect(world.kube.get("ConfigMap", "devnet-42", "smesher-1-config")).toBeUndefined();
    const added = await run(world.config("add-miner"), world.deps());
    expect((added.json as { miner: string }).miner).toBe("smesher-1");
    const again = await run(world.config("add-miner"), world.deps());
    expect((again.json as { miner: string }).miner).toBe("smesher-3");
    expect(world.kube.objects("Deployment", "devnet-42").filter((d) => d.metadata.name.startsWith("smesher-")).map((d) => d.metadata.name)).toEqual(["smesher-0", "smesher-1", "smesher-2", "smesher-3"]);
    await expect(run(world.config("delete-miner", { "miner-number": "9" }), world.deps())).rejects.toThrow(/Invalid miner-number \(got 9\): names no smesher of devnet-42/);
  });
});

describe("delete", () => {
  it("leaves nothing of the network in the cluster and DNS, and drops its discovery entry", async () => {
    world = await startWorld();
    await world.store.put("networks.json", JSON.stringify([{ netName: "other", genesisID: "00", extra: { kept: true } }]));
    await run(world.config("create"), world.deps());
    world.records.push({ id: "foreign", name: "www.spacemesh.network", type: "A", content: "198.51.100.1", ttl: 1, proxied: true, zone_id: "023e105f4ecef8ad9ca31a8372d0c353" });
    await run(world.config("delete"), world.deps());
    await world.kube.settled();
    const left = ["Namespace", "Deployment", "Pod", "Service", "ConfigMap", "Secret"].flatMap((kind) => world!.kube.objects(kind).filter((o) => JSON.stringify(o).includes("devnet-42")));
    expect(left).toEqual([]);
    expect(world.records.map((r) => r.name)).toEqual(["www.spacemesh.network"]);
    expect((await readJson<any[]>(world.store, "networks.json"))!.value).toEqual([{ netName: "other", genesisID: "00", extra: { kept: true } }]);
  });

  it("keep-logs-metrics keeps those namespaces", async () => {
    world = await startWorld();
    await run(world.config("create"), world.deps());
    await run(world.config("delete", { "keep-logs-metrics": "true" }), world.deps());
    expect(world.kube.objects("Namespace").map((n) => n.metadata.name).filter((n) => n.startsWith("devnet-42"))).toEqual(["devnet-42-logs", "devnet-42-metrics"]);
  });
});

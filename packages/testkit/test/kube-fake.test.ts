import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, type KubernetesObject } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { startKubeFake, type KubeFake } from "@chainops/testkit";

let fake: KubeFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function clientFor(cluster: KubeFake): { objects: KubernetesObjectApi; kc: KubeConfig } {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.writeKubeconfig(join(mkdtempSync(join(tmpdir(), "kube-fake-")), "config")));
  return { objects: KubernetesObjectApi.makeApiClient(kc), kc };
}

const ns = (name: string): KubernetesObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
function deployment(name: string, image: string, extra: Record<string, unknown> = {}): KubernetesObject & Record<string, unknown> {
  const labels = { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "net" },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "node", image }], ...extra } } },
  };
}

async function apply(objects: KubernetesObjectApi, object: KubernetesObject, manager = "chainops", force = true) {
  return objects.patch(object, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);
}

describe("Kubernetes API fake with the real @kubernetes/client-node", () => {
  it("serves discovery and server-side apply; a repeated apply changes nothing; Deployments become Ready with pod and host IPs", async () => {
    fake = await startKubeFake({ nodes: 2 });
    const { objects } = clientFor(fake);
    await apply(objects, ns("net"));
    await apply(objects, deployment("smesher-0", "spacemeshos/go-spacemesh:v1.7.0"));
    await fake.settled();
    const first = fake.get("Deployment", "net", "smesher-0")!;
    const writes = fake.writes.length;
    expect(fake.requests.some((r) => r.method === "PATCH" && r.contentType === "application/apply-patch+yaml" && r.query.fieldManager === "chainops")).toBe(true);
    expect(fake.requests.some((r) => r.path === "/apis/apps/v1")).toBe(true);
    const again = await apply(objects, deployment("smesher-0", "spacemeshos/go-spacemesh:v1.7.0"));
    expect(again.metadata?.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(fake.writes.length).toBe(writes);
    const status = fake.get("Deployment", "net", "smesher-0")!.status;
    expect(status).toMatchObject({ readyReplicas: 1, updatedReplicas: 1, observedGeneration: 1 });
    const [pod] = fake.objects("Pod", "net");
    expect(pod!.status).toMatchObject({ phase: "Running", hostIP: expect.stringMatching(/^10\.0\.0\.\d$/), podIP: expect.stringMatching(/^10\.8\./) });
    const read = await objects.read({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "smesher-0", namespace: "net" } });
    expect((read as { status?: { readyReplicas?: number } }).status?.readyReplicas).toBe(1);
  });

  it("refuses an apply without a field manager, and conflicting fields of another manager unless forced", async () => {
    fake = await startKubeFake();
    const { objects } = clientFor(fake);
    await apply(objects, ns("net"));
    await expect(objects.patch(ns("other"), undefined, undefined, undefined, undefined, PatchStrategy.ServerSideApply)).rejects.toMatchObject({ code: 400 });
    await apply(objects, deployment("a", "img:1"), "helm", false);
    await expect(apply(objects, deployment("a", "img:2"), "chainops", false)).rejects.toMatchObject({ code: 409 });
    await apply(objects, deployment("a", "img:2"), "chainops", true);
    expect(fake.get("Deployment", "net", "a")!.spec.template.spec.containers[0].image).toBe("img:2");
  });

  it("streams watch events, keeps a pod that never becomes Ready unready, schedules by anti-affinity, and cascades namespace deletion", async () => {
    fake = await startKubeFake({ nodes: 2 });
    const { objects, kc } = clientFor(fake);
    await apply(objects, ns("net"));
    fake.neverReady("stuck");
    const affinity = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { role: "bootnode" } } }] } } };
    const boot = (name: string) => {
      const d = deployment(name, "img:1", affinity) as any;
      d.spec.template.metadata.labels.role = "bootnode";
      return d as KubernetesObject;
    };
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      void new Watch(kc).watch("/apis/apps/v1/namespaces/net/deployments", {}, (type, object: any) => {
        events.push(`${type} ${object.metadata.name} ready=${object.status?.readyReplicas ?? 0}`);
        if (events.some((e) => e === "MODIFIED b-2 ready=0") && events.some((e) => e.startsWith("MODIFIED b-0 ready=1"))) resolve();
      }, () => undefined);
    });
    await apply(objects, deployment("stuck", "img:1"));
    for (const name of ["b-0", "b-1", "b-2"]) await apply(objects, boot(name));
    await done;
    await fake.settled();
    expect(fake.get("Deployment", "net", "stuck")!.status.readyReplicas).toBe(0);
    const pending = fake.objects("Pod", "net").find((p) => p.metadata.name.startsWith("b-2-"))!;
    expect(pending.status.conditions[0]).toMatchObject({ reason: "Unschedulable", message: expect.stringContaining("anti-affinity") });
    await objects.delete(ns("net"));
    await fake.settled();
    expect(fake.objects("Namespace").map((n) => n.metadata.name)).not.toContain("net");
    expect(fake.objects("Pod")).toEqual([]);
  });
});

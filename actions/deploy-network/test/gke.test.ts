// cluster: gke with the official @google-cloud/container client (REST transport) pointed at a
// capture server that answers the GKE v1 API, and the Kubernetes fake as the new cluster's endpoint.
import { GoogleAuth } from "google-gax";
import { ClusterManagerClient } from "@google-cloud/container/build/src/v1/index.js";
import { afterEach, expect, it } from "vitest";
import { startCaptureServer, startKubeFake, type CaptureServer, type KubeFake } from "@chainops/testkit";
import { gkeClusters } from "../src/gke-cluster";
import { run } from "../src/run";
import { startWorld, type World } from "./world";

let world: World | undefined;
let gke: CaptureServer | undefined;
let cluster: KubeFake | undefined;
afterEach(async () => {
  await world?.close();
  await gke?.close();
  await cluster?.close();
  world = gke = cluster = undefined;
});

it("creates a GKE cluster sized by the plan, then the network on it; a second create resizes nothing", async () => {
  world = await startWorld();
  cluster = await startKubeFake({ nodes: 4, token: "gke-access-token" });
  const clusters = new Map<string, Record<string, unknown>>();
  const base = "/v1/projects/:project/locations/:location";
  gke = await startCaptureServer({
    routes: [
      {
        method: "GET",
        path: `${base}/clusters/:cluster`,
        respond: (r) => {
          const found = clusters.get(r.params.cluster!);
          return found ? { body: found } : { status: 404, body: { error: { code: 404, message: `Not found: projects/${r.params.project}/locations/${r.params.location}/clusters/${r.params.cluster}.`, status: "NOT_FOUND" } } };
        },
      },
      {
        method: "POST",
        path: `${base}/clusters`,
        respond: (r) => {
          const spec = (r.body as { cluster: Record<string, any> }).cluster;
          clusters.set(spec.name, { ...spec, endpoint: cluster!.url, masterAuth: { clusterCaCertificate: "" }, status: "RUNNING" });
          return { body: { name: "operation-create-1", operationType: "CREATE_CLUSTER", status: "RUNNING" } };
        },
      },
      { method: "GET", path: `${base}/operations/:operation`, respond: (r) => ({ body: { name: r.params.operation, status: "DONE" } }) },
    ],
  });
  const [host, port] = gke.url.replace("http://", "").split(":");
  // Credentials as Application Default Credentials would give them: a bearer token on every call.
  const token = "gke-access-token";
  const authClient = {
    universeDomain: "googleapis.com",
    getAccessToken: async () => ({ token }),
    getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }),
    fetch: (url: string, init: RequestInit & { headers: Headers }) => {
      init.headers.set("authorization", `Bearer ${token}`);
      return fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal });
    },
  };
  const auth = new GoogleAuth({ authClient: authClient as never });
  const client = new ClusterManagerClient({ fallback: true, apiEndpoint: host, port: Number(port), protocol: "http", auth } as ConstructorParameters<typeof ClusterManagerClient>[0]);
  const deps = world.deps({ kube: undefined, gke: gkeClusters(client, { clock: world.clock, logger: world.logger }) });
  const inputs = { cluster: "gke", "gke-project": "spacemesh-testnets", "gke-location": "us-east1", "machine-type": "e2-standard-4", miners: "6", bootnodes: "2", poets: "1", domain: "" };
  await run(world.config("create", inputs), deps);

  const created = gke.requests.find((r) => r.method === "POST")!;
  expect(created.path).toBe("/v1/projects/spacemesh-testnets/locations/us-east1/clusters");
  // 4 smeshers × 2 CPU + 2 bootnodes + 1 PoET = 11 CPU on 4-CPU machines → 3 nodes.
  expect((created.body as any).cluster).toMatchObject({ name: "devnet-42", nodePools: [{ name: "default-pool", initialNodeCount: 3, config: { machineType: "e2-standard-4" } }] });
  expect(created.headers.authorization).toBe("Bearer gke-access-token");
  expect(cluster.objects("Deployment", "devnet-42")).toHaveLength(7);

  await run(world.config("create", inputs), deps);
  expect(gke.requests.filter((r) => r.method === "POST")).toHaveLength(1);
});

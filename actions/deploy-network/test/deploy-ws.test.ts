import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { runCommand } from "@chainops/shared/exec";
import { readJson } from "@chainops/shared/storage";
import { describeWithTools, extractHelm } from "@chainops/testkit";
import { run } from "../src/run";
import { startWorld, type World } from "./world";

const chart = fileURLToPath(new URL("../web-chart", import.meta.url));
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describeWithTools(["unzip"], "deploy-ws with the real helm binary", (tools) => {
  it("renders each web service's chart, applies it to the network's namespace, then writes the discovery entry", async () => {
    const helm = extractHelm(tools.unzip!);
    world = await startWorld();
    await run(world.config("create"), world.deps());
    await world.store.delete("networks.json");
    const charts = `dash-backend=${chart}, explorer-backend=${chart}@0.1.0, collector=${chart}, public-api=${chart}`;
    const result = await run(world.config("deploy-ws", { charts, helm }), world.deps());
    const deployments = world.kube.objects("Deployment", "devnet-42").map((d) => d.metadata.name);
    expect(deployments).toEqual(expect.arrayContaining(["collector", "dash-backend", "explorer-backend", "public-api"]));
    const dash = world.kube.get("Deployment", "devnet-42", "dash-backend")!;
    expect(dash.status.readyReplicas).toBe(1);
    expect(dash.spec.template.spec.containers[0].args).toEqual(["--network", "devnet-42", "--node", "http://smesher-0.devnet-42.svc.cluster.local:9095"]);
    expect(world.kube.get("Service", "devnet-42", "dash-backend")!.metadata.annotations).toEqual({ "spacemesh.io/host": "dash-api-devnet-42.spacemesh.network" });
    const entry = (await readJson<any[]>(world.store, "networks.json"))!.value[0];
    expect(entry).toMatchObject({ netName: "devnet-42", genesisID: result.outputs["genesis-id"], dashAPI: "https://dash-api-devnet-42.spacemesh.network" });
    const again = await run(world.config("deploy-ws", { charts, helm }), world.deps());
    expect(again.outputs.changed).toBe("0");
  });

  it("refuses a malformed charts entry before anything runs, and the chart passes helm lint", async () => {
    const helm = extractHelm(tools.unzip!);
    world = await startWorld();
    expect(() => world!.config("deploy-ws", { charts: `dash-backend=${chart},x`, helm })).toThrow(/Invalid charts \(got "x"\): is not service=chart\[@version\]/);
    const { stdout } = await runCommand(helm, ["lint", chart], { captureStdout: true });
    expect(stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });
});

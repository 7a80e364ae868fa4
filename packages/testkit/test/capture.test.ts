import Cloudflare from "cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { type CaptureServer, cloudflareApi, grafanaApi, startCaptureServer } from "@chainops/testkit/capture";

let server: CaptureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("startCaptureServer", () => {
  it("records method, path, query, headers and parsed bodies, and answers from routes", async () => {
    server = await startCaptureServer({
      routes: [
        { method: "POST", path: "/items/:id", respond: (request) => ({ status: 201, body: { id: request.params.id, got: request.body } }) },
        { method: "GET", path: /^\/text$/, respond: { body: "plain", headers: { "x-extra": "1" } } },
      ],
    });
    const created = await fetch(`${server.url}/items/a%20b?x=1`, { method: "POST", headers: { "content-type": "application/json", "x-token": "t" }, body: '{"n":1}' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: "a b", got: { n: 1 } });
    const form = await fetch(`${server.url}/items/2`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1&b=two" });
    expect(await form.json()).toEqual({ id: "2", got: { a: "1", b: "two" } });
    const text = await fetch(`${server.url}/text`);
    expect(await text.text()).toBe("plain");
    expect(text.headers.get("x-extra")).toBe("1");

    const [first, second] = server.requests;
    expect(first).toMatchObject({ method: "POST", path: "/items/a%20b", query: { x: "1" }, body: { n: 1 }, rawBody: '{"n":1}', params: { id: "a b" } });
    expect(first!.headers["x-token"]).toBe("t");
    expect(second!.body).toEqual({ a: "1", b: "two" });
    expect(server.requestsTo("/text", "GET")).toHaveLength(1);
  });

  it("records unmatched requests and answers them 404", async () => {
    server = await startCaptureServer();
    const response = await fetch(`${server.url}/nope`, { method: "DELETE" });
    expect(response.status).toBe(404);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /nope"]);
  });

  it("a route with `times` answers that often, then later routes take over; prepend goes first", async () => {
    server = await startCaptureServer({ routes: [{ path: "/flaky", respond: { status: 503 }, times: 2 }, { path: "/flaky", respond: { body: { ok: true } } }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/flaky`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    server.prepend({ path: "/flaky", respond: { status: 418 }, times: 1 });
    expect((await fetch(`${server.url}/flaky`)).status).toBe(418);
    expect((await fetch(`${server.url}/flaky`)).status).toBe(200);
  });
});

describe("grafanaApi", () => {
  it("answers annotations with increasing ids", async () => {
    server = await startCaptureServer({ routes: grafanaApi() });
    const post = () => fetch(`${server!.url}/api/annotations`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"x"}' }).then((r) => r.json());
    expect(await post()).toEqual({ id: 1, message: "Annotation added" });
    expect(await post()).toEqual({ id: 2, message: "Annotation added" });
  });
});

describe("cloudflareApi with the real cloudflare SDK", () => {
  it("creates, lists (filtered and paged), updates and deletes DNS records", async () => {
    const routes = cloudflareApi();
    server = await startCaptureServer({ routes });
    const client = new Cloudflare({ apiToken: "cf-token", baseURL: `${server.url}/client/v4`, maxRetries: 0 });
    const zone_id = "023e105f4ecef8ad9ca31a8372d0c353";

    const a = await client.dns.records.create({ zone_id, type: "A", name: "node-1.example.com", content: "192.0.2.1", ttl: 60, proxied: false });
    await client.dns.records.create({ zone_id, type: "A", name: "node-2.example.com", content: "192.0.2.2", ttl: 60 });
    await client.dns.records.create({ zone_id, type: "TXT", name: "node-1.example.com", content: "hello", ttl: 60 });
    expect(a.id).toBeTruthy();
    expect(server.requests[0]!.headers.authorization).toBe("Bearer cf-token");

    const all = [];
    for await (const record of client.dns.records.list({ zone_id, per_page: 2 })) all.push(record.name);
    expect(all).toEqual(["node-1.example.com", "node-2.example.com", "node-1.example.com"]);

    const byName = await client.dns.records.list({ zone_id, name: { exact: "node-1.example.com" }, type: "A" });
    expect(byName.result.map((r) => r.content)).toEqual(["192.0.2.1"]);

    await client.dns.records.edit(a.id, { zone_id, type: "A", name: "node-1.example.com", ttl: 60, content: "192.0.2.9" });
    expect(routes.records.find((r) => r.id === a.id)?.content).toBe("192.0.2.9");
    await client.dns.records.delete(a.id, { zone_id });
    expect(routes.records.map((r) => r.name)).toEqual(["node-2.example.com", "node-1.example.com"]);
    await expect(client.dns.records.get(a.id, { zone_id })).rejects.toThrow();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { SlackBlocks, createGrafana, createSlack, escapeMrkdwn, mrkdwnLink } from "@chainops/shared/notify";
import { type CaptureServer, grafanaApi, slackApi, slackError, slackPayload, startCaptureServer } from "@chainops/testkit/capture";

const TOKEN = "xoxb-1234-5678-secretvalue";
const FAST_RETRY = { retries: 2, factor: 1, minTimeout: 1, maxTimeout: 1, randomize: false };

describe("Slack Block Kit builder", () => {
  it("builds header, fields, context and link buttons, with a plain fallback text", () => {
    const message = new SlackBlocks()
      .header("Snapshot published: mainnet")
      .section("*Height* 4,500,000", { Size: "3.2 GiB", "SHA-256": "ab12" })
      .context("<https://github.com/o/r/actions/runs/1|run 1>")
      .linkButton("Download", "https://snapshots.example/mainnet/latest")
      .build();
    expect(message.text).toBe("Snapshot published: mainnet\n*Height* 4,500,000\nSize: 3.2 GiB\nSHA-256: ab12");
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Snapshot published: mainnet", emoji: true } },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Height* 4,500,000" },
        fields: [
          { type: "mrkdwn", text: "*Size*\n3.2 GiB" },
          { type: "mrkdwn", text: "*SHA-256*\nab12" },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "<https://github.com/o/r/actions/runs/1|run 1>" }] },
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Download", emoji: true }, url: "https://snapshots.example/mainnet/latest", action_id: "link-0" }],
      },
    ]);
  });

  it("escapes field values and keeps within Slack's limits", () => {
    const fields = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i === 0 ? "<@here> & co" : "v"]));
    const message = new SlackBlocks().header("h".repeat(200)).fields(fields).build("custom fallback");
    const [header, section] = message.blocks! as Array<Record<string, any>>;
    expect(header!.text.text).toHaveLength(150);
    expect(header!.text.text.endsWith("…")).toBe(true);
    expect(section!.fields).toHaveLength(10);
    expect(section!.fields[0].text).toBe("*k0*\n&lt;@here&gt; &amp; co");
    expect(message.text).toBe("custom fallback");
  });

  it("escapes mrkdwn and builds links", () => {
    expect(escapeMrkdwn("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(mrkdwnLink("https://x.test/a|b", "PR #1 <x>")).toBe("<https://x.test/a%7Cb|PR #1 &lt;x&gt;>");
  });
});

describe("createSlack against a capture server, real @slack/web-api", () => {
  let server: CaptureServer;
  let logger: RecordingLogger;
  beforeEach(async () => {
    server = await startCaptureServer({ routes: slackApi({ channelId: "C42" }) });
    logger = new RecordingLogger();
  });
  afterEach(() => server.close());

  const slack = () => createSlack({ token: TOKEN, channel: "#snapshots", apiUrl: `${server.url}/api`, logger, retryConfig: FAST_RETRY });

  it("posts blocks and fallback text with the bot token, then updates by ts in the answered channel", async () => {
    const client = slack();
    expect(client.configured).toBe(true);
    const message = new SlackBlocks().header("Export started").fields({ Network: "calibnet" }).build();
    const posted = await client.post(message);
    expect(posted).toEqual({ ts: "1767225600.000001", channel: "C42" });

    const [post] = server.requestsTo("/api/chat.postMessage", "POST");
    expect(post!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const sent = slackPayload(post!);
    expect(sent.channel).toBe("#snapshots");
    expect(sent.text).toBe("Export started\nNetwork: calibnet");
    expect(sent.blocks).toEqual(message.blocks);

    const done = new SlackBlocks().header("Export finished").build();
    expect(await client.update(posted.ts!, done)).toBe(true);
    const update = slackPayload(server.requestsTo("/api/chat.update", "POST")[0]!);
    expect(update).toMatchObject({ channel: "C42", ts: "1767225600.000001", text: "Export finished" });
    expect(update.blocks).toEqual(done.blocks);
    expect(logger.messages("warning")).toEqual([]);
  });

  it("posts in a thread when asked", async () => {
    await slack().post({ text: "reply", threadTs: "1767225600.000009" });
    expect(slackPayload(server.requests[0]!).thread_ts).toBe("1767225600.000009");
  });

  it("a Slack error is a warning with a hint, not a failure, and the token never shows", async () => {
    server.prepend(slackError("chat.postMessage", "not_in_channel"));
    const posted = await slack().post({ text: "hello" });
    expect(posted).toEqual({});
    const [warning] = logger.messages("warning");
    expect(warning).toContain("not_in_channel");
    expect(warning).toContain("invite the bot");
    expect(logger.text()).not.toContain(TOKEN);
  });

  it("when Slack refuses the blocks, sends the fallback text alone", async () => {
    server.prepend(slackError("chat.postMessage", "invalid_blocks", 1));
    const posted = await slack().post(new SlackBlocks().header("Export finished").build());
    expect(posted.ts).toBeDefined();
    const [first, second] = server.requestsTo("/api/chat.postMessage").map(slackPayload);
    expect(first!.blocks).toHaveLength(1);
    expect(second!.blocks).toBeUndefined();
    expect(second!.text).toBe("Export finished");
    expect(logger.messages("warning")[0]).toContain("invalid_blocks");
  });

  it("retries a server error per the SDK's policy, then succeeds", async () => {
    server.prepend({ method: "POST", path: "/api/chat.postMessage", respond: { status: 503, body: "busy" }, times: 1 });
    const posted = await slack().post({ text: "hello" });
    expect(posted.ts).toBeDefined();
    expect(server.requestsTo("/api/chat.postMessage")).toHaveLength(2);
  });

  it("gives up after the retries with a warning", async () => {
    server.prepend({ method: "POST", path: "/api/chat.update", respond: { status: 500, body: "down" } });
    expect(await slack().update("1.2", { text: "x" })).toBe(false);
    expect(server.requestsTo("/api/chat.update")).toHaveLength(3);
    expect(logger.messages("warning")[0]).toContain("was not updated");
  });

  it("an unreachable Slack is a warning", async () => {
    await server.close();
    const client = createSlack({ token: TOKEN, channel: "C1", apiUrl: `${server.url}/api/`, logger, retryConfig: { retries: 0 } });
    expect(await client.post({ text: "x" })).toEqual({});
    expect(logger.messages("warning")).toEqual(["Slack message to C1 was not sent: could not reach Slack (ECONNREFUSED); check the runner's network and proxy"]);
    server = await startCaptureServer(); // for afterEach
  });

  it("unconfigured: one notice, no requests", async () => {
    const client = createSlack({ logger, apiUrl: `${server.url}/api/` });
    expect(client.configured).toBe(false);
    await client.post({ text: "a" });
    await client.update("1.2", { text: "b" });
    expect(logger.messages("notice")).toHaveLength(1);
    expect(logger.messages("notice")[0]).toContain("Slack is not configured");
    expect(server.requests).toHaveLength(0);
  });

  it("half configured (token without channel): one warning naming what is missing", async () => {
    const client = createSlack({ token: TOKEN, logger, apiUrl: `${server.url}/api/` });
    await client.post({ text: "a" });
    await client.post({ text: "b" });
    expect(logger.messages("warning")).toEqual(["Slack is half configured: slack-channel is not set, so no Slack messages are sent."]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("createGrafana against a capture server", () => {
  let server: CaptureServer;
  let logger: RecordingLogger;
  const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
  beforeEach(async () => {
    server = await startCaptureServer({ routes: grafanaApi() });
    logger = new RecordingLogger();
  });
  afterEach(() => server.close());

  it("POSTs /api/annotations with a Bearer token, epoch ms, tags and text", async () => {
    const grafana = createGrafana({ url: `${server.url}/`, token: "glsa_token", logger, clock });
    expect(await grafana.annotate({ text: "Snapshot mainnet 4500000", tags: ["chainops", "snapshot", "mainnet"] })).toEqual({ id: 1 });
    const [request] = server.requests;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/api/annotations");
    expect(request!.headers.authorization).toBe("Bearer glsa_token");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.body).toEqual({ time: Date.UTC(2026, 0, 2, 3, 4, 5), tags: ["chainops", "snapshot", "mainnet"], text: "Snapshot mainnet 4500000" });
  });

  it("sends a region, dashboard and panel when given, and keeps a sub-path of the URL", async () => {
    server.prepend({ method: "POST", path: "/grafana/api/annotations", respond: { body: { id: 77, message: "Annotation added" } } });
    const grafana = createGrafana({ url: `${server.url}/grafana`, token: "glsa_test_token", logger, clock });
    const result = await grafana.annotate({ text: "deploy", time: 1000, timeEnd: 2000, dashboardUID: "abc", panelId: 3 });
    expect(result).toEqual({ id: 77 });
    expect(server.requests[0]!.body).toEqual({ time: 1000, timeEnd: 2000, tags: [], text: "deploy", dashboardUID: "abc", panelId: 3 });
  });

  it("retries a 5xx (backoff on the injected clock), then succeeds", async () => {
    server.prepend({ path: "/api/annotations", respond: { status: 503, body: "unavailable" }, times: 2 });
    const grafana = createGrafana({ url: server.url, token: "glsa_test_token", logger, clock });
    expect(await grafana.annotate({ text: "x" })).toEqual({ id: 1 });
    expect(server.requests).toHaveLength(3);
    expect(logger.messages("warning")).toEqual([]);
  });

  it("an unreachable Grafana is a warning naming the URL", async () => {
    await server.close();
    const grafana = createGrafana({ url: server.url, token: "glsa_test_token", logger, clock, attempts: 2 });
    expect(await grafana.annotate({ text: "x" })).toEqual({});
    expect(logger.messages("warning")[0]).toContain(`${server.url}/api/annotations`);
    server = await startCaptureServer(); // for afterEach
  });

  it("an HTTP error is a warning with a hint, and a 4xx is not retried", async () => {
    server.prepend({ path: "/api/annotations", respond: { status: 403, body: { message: "Permission denied" } } });
    const grafana = createGrafana({ url: server.url, token: "glsa_test_token", logger, clock });
    expect(await grafana.annotate({ text: "x" })).toEqual({});
    const [warning] = logger.messages("warning");
    expect(warning).toContain("HTTP 403");
    expect(warning).toContain("Permission denied");
    expect(warning).toContain("annotations:create");
    expect(server.requests).toHaveLength(1);
  });

  it("unconfigured: one notice and no request", async () => {
    const grafana = createGrafana({ logger, clock });
    expect(grafana.configured).toBe(false);
    await grafana.annotate({ text: "a" });
    await grafana.annotate({ text: "b" });
    expect(logger.messages("notice")).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
  });
});

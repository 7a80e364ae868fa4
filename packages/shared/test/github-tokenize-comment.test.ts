import { describe, expect, it } from "vitest";
import { tokenizeComment } from "../src/github/tokenize-comment";

const opts = { commandWord: "/bot" };

describe("tokenizeComment", () => {
  it("reads the first line only, splitting on spaces", () => {
    expect(tokenizeComment("/bot plan  devnet-1 --force \nanything\u0000 on later lines", opts)).toEqual({ ok: true, tokens: ["plan", "devnet-1", "--force"] });
    expect(tokenizeComment("/bot status\r\nmore", opts)).toEqual({ ok: true, tokens: ["status"] });
  });

  it.each([
    ["control character", "/bot plan\u0007"],
    ["bare carriage return", "/bot plan\rx"],
    ["tab", "/bot\tplan"],
    ["zero-width space", "/bot pl\u200ban"],
    ["cyrillic look-alike", "/bot pl\u0430n"],
    ["fullwidth slash", "\uff0fbot plan"],
    ["non-breaking space", "/bot\u00a0plan"],
    ["right-to-left override", "/bot plan \u202edevnet"],
    ["shell substitution", "/bot plan $(id)"],
    ["backticks", "/bot plan `id`"],
    ["semicolon", "/bot plan;id"],
    ["quotes", "/bot plan 'x'"],
    ["leading dot (traversal)", "/bot plan ../x"],
    ["single-dash flag", "/bot plan -x"],
    ["other word", "/botx plan"],
  ])("refuses %s", (_name, body) => {
    const result = tokenizeComment(body, opts);
    expect(result.ok).toBe(false);
  });

  it("names the offending code point without echoing the text", () => {
    const result = tokenizeComment("/bot pl\u0430n", opts);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("U+0430") });
  });

  it("caps body length, line length and word count", () => {
    expect(tokenizeComment(`/bot plan\n${"x".repeat(5000)}`, opts)).toMatchObject({ ok: false, reason: expect.stringContaining("longer than 4096") });
    expect(tokenizeComment(`/bot ${"a".repeat(250)}`, opts)).toMatchObject({ ok: false, reason: expect.stringContaining("longer than 200") });
    expect(tokenizeComment("/bot a b c d", { ...opts, maxTokens: 3 })).toMatchObject({ ok: false, reason: expect.stringContaining("too many words") });
  });
});

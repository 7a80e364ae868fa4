import { describe, expect, it } from "vitest";
import { ConfigError, ManualClock, RecordingLogger, UpstreamError } from "@chainops/shared";
import { httpStatus, isRetryableError, retry } from "@chainops/shared/retry";

function failing(errors: unknown[], value = "ok") {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const error = errors.shift();
    if (error !== undefined) throw error;
    return value;
  };
  return { fn, calls };
}

const transient = () => new UpstreamError("503 from the bucket", { retryable: true });

describe("retry", () => {
  it("retries retryable errors with exponential backoff and full jitter, then succeeds", async () => {
    const clock = new ManualClock(0);
    const logger = new RecordingLogger();
    const { fn, calls } = failing([transient(), transient(), transient()]);
    // random() = 0.5: waits are half of 100, 200, 400.
    const result = await retry(fn, { attempts: 5, baseMs: 100, maxMs: 10_000, clock, logger, label: "put base.json", random: () => 0.5 });
    expect(result).toBe("ok");
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(clock.now()).toBe(50 + 100 + 200);
    const warnings = logger.messages("warning");
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain("put base.json failed (attempt 1 of 5): 503 from the bucket; retrying in 0.1 s");
  });

  it("caps each wait at maxMs", async () => {
    const clock = new ManualClock(0);
    const { fn } = failing([transient(), transient(), transient(), transient()]);
    // random() just below 1: waits ≈ min(maxMs, base·2^n) = 100, 200, 300, 300
    await retry(fn, { attempts: 5, baseMs: 100, maxMs: 300, clock, random: () => 0.999999 });
    expect(clock.now()).toBe(100 + 200 + 300 + 300);
  });

  it("jitter stays within [0, cap]", async () => {
    const clock = new ManualClock(0);
    const { fn } = failing([transient()]);
    await retry(fn, { baseMs: 1000, clock, random: () => 0 });
    expect(clock.now()).toBe(0);
  });

  it("rethrows the last error unchanged after the last attempt", async () => {
    const clock = new ManualClock(0);
    const last = new UpstreamError("still down", { retryable: true });
    const { fn, calls } = failing([transient(), transient(), last]);
    await expect(retry(fn, { attempts: 3, baseMs: 10, clock })).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
  });

  it("does not retry errors that are not retryable", async () => {
    const clock = new ManualClock(0);
    const bad = new ConfigError("bucket", "is not a bucket URL", { value: "x" });
    const { fn, calls } = failing([bad]);
    await expect(retry(fn, { clock })).rejects.toBe(bad);
    expect(calls).toEqual([1]);
    expect(clock.now()).toBe(0);
  });

  it("uses a custom isRetryable", async () => {
    const clock = new ManualClock(0);
    const { fn, calls } = failing([new Error("flaky"), new Error("flaky")]);
    await expect(retry(fn, { clock, isRetryable: (e) => (e as Error).message === "flaky" })).resolves.toBe("ok");
    expect(calls).toEqual([1, 2, 3]);
  });

  it("stops when the signal is aborted", async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    let calls = 0;
    const fn = async () => {
      calls++;
      controller.abort();
      throw transient();
    };
    await expect(retry(fn, { clock, signal: controller.signal })).rejects.toThrow("503 from the bucket");
    expect(calls).toBe(1);
  });
});

describe("isRetryableError", () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ["UpstreamError retryable", new UpstreamError("x", { retryable: true }), true],
    ["UpstreamError not retryable", new UpstreamError("x"), false],
    ["ECONNRESET", withCode("ECONNRESET"), true],
    ["ETIMEDOUT", withCode("ETIMEDOUT"), true],
    ["ECONNREFUSED", withCode("ECONNREFUSED"), true],
    ["EAI_AGAIN", withCode("EAI_AGAIN"), true],
    ["fetch failed with a reset cause", new TypeError("fetch failed", { cause: withCode("ECONNRESET") }), true],
    ["ENOTFOUND (wrong host)", withCode("ENOTFOUND"), false],
    ["HTTP 429", Object.assign(new Error("slow down"), { status: 429 }), true],
    ["HTTP 503 (AWS $metadata)", Object.assign(new Error("x"), { $metadata: { httpStatusCode: 503 } }), true],
    ["HTTP 500 (GCS numeric code)", Object.assign(new Error("x"), { code: 500 }), true],
    ["HTTP 501", Object.assign(new Error("x"), { statusCode: 501 }), false],
    ["HTTP 404", Object.assign(new Error("x"), { status: 404 }), false],
    ["ConfigError", new ConfigError("x", "bad"), false],
    ["plain Error", new Error("boom"), false],
    ["a string", "boom", false],
  ])("%s → %s", (_name, error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });

  it("reads the status from the places SDKs put it", () => {
    expect(httpStatus({ response: { status: 502 } })).toBe(502);
    expect(httpStatus({ code: "ECONNRESET" })).toBeUndefined();
    expect(httpStatus(null)).toBeUndefined();
  });
});

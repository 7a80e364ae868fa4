import { systemClock, type Clock } from "../core/clock";
import { AbortedError, UpstreamError } from "../core/errors";
import type { Logger } from "../core/logger";
import { isTransientNetworkError } from "../storage/network-errors";

export interface RetryOptions {
  /** Total tries including the first (default 5). */
  attempts?: number;
  /** Cap of the first wait; doubles each retry (default 500 ms). */
  baseMs?: number;
  /** Largest cap of any wait (default 30 s). */
  maxMs?: number;
  /** Which errors are worth another try (default: isRetryableError). */
  isRetryable?: (error: unknown) => boolean;
  clock?: Clock;
  logger?: Logger;
  /** Names the operation in log lines, e.g. "upload of base.json". */
  label?: string;
  signal?: AbortSignal;
  /** Random source in [0, 1) for the jitter; tests pass a fixed one. */
  random?: () => number;
}

/**
 * Runs fn until it succeeds, retrying only retryable errors, with exponential backoff and full
 * jitter (each wait is uniform in [0, min(maxMs, baseMs·2^retry)]), so many runners that failed
 * together do not come back together. The last error is rethrown unchanged.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 5));
  const baseMs = options.baseMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const label = options.label ?? "operation";
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new AbortedError(`${label} was cancelled`);
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error) || options.signal?.aborted) throw error;
      const waitMs = Math.round(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      options.logger?.warning(`${label} failed (attempt ${attempt} of ${attempts}): ${reason}; retrying in ${(waitMs / 1000).toFixed(1)} s`);
      await clock.sleep(waitMs, options.signal);
    }
  }
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

/**
 * Default policy: UpstreamError says for itself; otherwise transient network failures
 * (ECONNRESET, ETIMEDOUT, ECONNREFUSED, EAI_AGAIN, …) and HTTP 408/429/5xx when the error carries
 * a status. Everything else (bad input, conflicts, 4xx) fails at once.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof AbortedError) return false;
  if (error instanceof UpstreamError) return error.retryable;
  if (isTransientNetworkError(error)) return true;
  const status = httpStatus(error);
  return status !== undefined && RETRYABLE_STATUS(status);
}

/** The HTTP status an SDK error carries: status, statusCode, $metadata.httpStatusCode (AWS), numeric code (GCS). */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown }; response?: { status?: unknown } };
  for (const candidate of [e.status, e.statusCode, e.$metadata?.httpStatusCode, e.response?.status, e.code]) {
    if (typeof candidate === "number" && candidate >= 100 && candidate <= 599) return candidate;
  }
  return undefined;
}

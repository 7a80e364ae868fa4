/**
 * Typed errors. Adapters map them: NotReadyError is a clean exit with a notice,
 * everything else fails the step with the message and its hint.
 */
export class ChainopsError extends Error {
  /** What the reader should do next; printed after the message. */
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad input: names the input, the bad value and an example of a good one. */
export class ConfigError extends ChainopsError {
  readonly input: string;
  /** The problem alone, without "Invalid <input>": for lists of problems (preflight). */
  readonly problem: string;
  /** The bad value, as given (shown redacted in the message when the input holds a secret). */
  readonly value: unknown;
  constructor(input: string, problem: string, options: { value?: unknown; example?: string; hint?: string; cause?: unknown } = {}) {
    const shown = options.value === undefined ? "" : ` (got ${JSON.stringify(redactValue(input, options.value))})`;
    const example = options.example ? ` Example: ${options.example}` : "";
    super(`Invalid ${input}${shown}: ${problem}.${example}`, { hint: options.hint, cause: options.cause });
    this.input = input;
    this.problem = problem;
    this.value = options.value;
  }
}

/** The world is not ready yet (not synced, not due, window not final): a clean exit, not a failure. */
export class NotReadyError extends ChainopsError {}

/** A remote service or CLI failed or answered something we cannot use. */
export class UpstreamError extends ChainopsError {
  readonly retryable: boolean;
  constructor(message: string, options: { hint?: string; cause?: unknown; retryable?: boolean } = {}) {
    super(message, options);
    this.retryable = options.retryable ?? false;
  }
}

/** A compare-and-swap lost: the object changed (or appeared) since it was read. */
export class ConflictError extends ChainopsError {
  readonly key: string;
  constructor(key: string, message = `Object ${key} changed since it was read`) {
    super(message, { hint: "Another run updated it at the same time; read it again and retry." });
    this.key = key;
  }
}

/** An object or resource that must exist does not. */
export class NotFoundError extends ChainopsError {}

/** Someone else holds the lease / lock. */
export class BusyError extends ChainopsError {}

/** A local integrity check failed (sha256/size mismatch, truncated stream). */
export class IntegrityError extends ChainopsError {}

/** The operation was cancelled by an AbortSignal or a timeout. */
export class AbortedError extends ChainopsError {}

/**
 * Whether an input's name says it holds a secret, so its value is masked and never shown in an
 * error. A bare "key" is not enough: "object key", "snapshot-key" and "image-tag-key" are paths
 * an SRE needs to see when they are wrong.
 */
export function isSecretInputName(name: string): boolean {
  return /token|secret|passw(or)?d|passphrase|credential|(private|api|access|account|signing|ssh|auth|encryption)[-_ ]?key|^key$/i.test(name);
}

function redactValue(input: string, value: unknown): unknown {
  return isSecretInputName(input) && typeof value === "string" && value.length > 0 ? "***" : value;
}

/** Message plus hint, as an adapter prints it. */
export function describeError(error: unknown): string {
  if (error instanceof ChainopsError) return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

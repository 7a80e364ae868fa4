import { createRequire as __chainopsCreateRequire } from 'node:module';
const require = __chainopsCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-ZZWIB55L.js";

// packages/shared/src/core/errors.ts
var ChainopsError = class extends Error {
  static {
    __name(this, "ChainopsError");
  }
  /** What the reader should do next; printed after the message. */
  hint;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
};
var ConfigError = class extends ChainopsError {
  static {
    __name(this, "ConfigError");
  }
  input;
  /** The problem alone, without "Invalid <input>": for lists of problems (preflight). */
  problem;
  /** The bad value, as given (shown redacted in the message when the input holds a secret). */
  value;
  constructor(input, problem, options = {}) {
    const shown = options.value === void 0 ? "" : ` (got ${JSON.stringify(redactValue(input, options.value))})`;
    const example = options.example ? ` Example: ${options.example}` : "";
    super(`Invalid ${input}${shown}: ${problem}.${example}`, { hint: options.hint, cause: options.cause });
    this.input = input;
    this.problem = problem;
    this.value = options.value;
  }
};
var NotReadyError = class extends ChainopsError {
  static {
    __name(this, "NotReadyError");
  }
};
var UpstreamError = class extends ChainopsError {
  static {
    __name(this, "UpstreamError");
  }
  retryable;
  constructor(message, options = {}) {
    super(message, options);
    this.retryable = options.retryable ?? false;
  }
};
var ConflictError = class extends ChainopsError {
  static {
    __name(this, "ConflictError");
  }
  key;
  constructor(key, message = `Object ${key} changed since it was read`) {
    super(message, { hint: "Another run updated it at the same time; read it again and retry." });
    this.key = key;
  }
};
var NotFoundError = class extends ChainopsError {
  static {
    __name(this, "NotFoundError");
  }
};
var BusyError = class extends ChainopsError {
  static {
    __name(this, "BusyError");
  }
};
var AbortedError = class extends ChainopsError {
  static {
    __name(this, "AbortedError");
  }
};
function isSecretInputName(name) {
  return /token|secret|passw(or)?d|passphrase|credential|(private|api|access|account|signing|ssh|auth|encryption)[-_ ]?key|^key$/i.test(name);
}
__name(isSecretInputName, "isSecretInputName");
function redactValue(input, value) {
  return isSecretInputName(input) && typeof value === "string" && value.length > 0 ? "***" : value;
}
__name(redactValue, "redactValue");
function describeError(error) {
  if (error instanceof ChainopsError) return error.hint ? `${error.message}
Hint: ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
__name(describeError, "describeError");

// packages/shared/src/storage/put-body.ts
import { Readable } from "node:stream";
function isInMemoryBody(body) {
  return typeof body === "string" || Buffer.isBuffer(body);
}
__name(isInMemoryBody, "isInMemoryBody");
function bodyStream(body) {
  return isInMemoryBody(body) ? Readable.from([Buffer.from(body)]) : body;
}
__name(bodyStream, "bodyStream");

// packages/shared/src/storage/network-errors.ts
var TRANSIENT_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET"]);
function networkErrorCode(error) {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = current.code;
    if (typeof code === "string" && (TRANSIENT_CODES.has(code) || code === "ENOTFOUND")) return code;
    current = current.cause;
  }
  return void 0;
}
__name(networkErrorCode, "networkErrorCode");
function isTransientNetworkError(error) {
  const code = networkErrorCode(error);
  return code !== void 0 && code !== "ENOTFOUND";
}
__name(isTransientNetworkError, "isTransientNetworkError");
function networkHint(endpoint) {
  return `Check that ${endpoint} is reachable from this machine (endpoint setting, DNS, firewall, proxy); chainops retried and gave up.`;
}
__name(networkHint, "networkHint");

// packages/shared/src/storage/keys.ts
function checkKey(key) {
  if (key.length === 0 || key.length > 1024 || key.startsWith("/") || key.endsWith("/") || key.split("/").some((part) => part === "" || part === "." || part === "..") || /[\u0000-\u001f\u007f\\]/.test(key)) {
    throw new ConfigError("object key", "must be a relative path of non-empty segments without '.', '..', backslashes or control characters", {
      value: key,
      example: "historical-exports/snapshot_0_2890_1700000000.car.zst"
    });
  }
  return key;
}
__name(checkKey, "checkKey");

export {
  ChainopsError,
  ConfigError,
  NotReadyError,
  UpstreamError,
  ConflictError,
  NotFoundError,
  BusyError,
  AbortedError,
  isSecretInputName,
  describeError,
  networkErrorCode,
  isTransientNetworkError,
  networkHint,
  checkKey,
  isInMemoryBody,
  bodyStream
};

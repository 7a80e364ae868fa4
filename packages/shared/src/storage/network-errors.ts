const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET"]);

/** The Node/fetch error code of a network failure, looking through `cause` chains. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (TRANSIENT_CODES.has(code) || code === "ENOTFOUND")) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Connection refused/reset/timed out: worth retrying. (ENOTFOUND is a wrong host name, not transient.) */
export function isTransientNetworkError(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && code !== "ENOTFOUND";
}

export function networkHint(endpoint: string): string {
  return `Check that ${endpoint} is reachable from this machine (endpoint setting, DNS, firewall, proxy); chainops retried and gave up.`;
}

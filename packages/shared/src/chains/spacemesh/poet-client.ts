import { UpstreamError } from "../../core/errors";

export interface PoetInfo {
  /** base64 ed25519 public key (what nodes list as poet-servers[].pubkey). */
  servicePubkey: string;
  phaseShift?: string;
  cycleGap?: string;
}

/**
 * GET /v1/info of a PoET server (grpc-gateway, protojson: bytes as base64, durations as "30s").
 * The readiness check of a PoET: it answers with the service key it was given.
 */
export async function poetInfo(url: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<PoetInfo> {
  const base = url.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${base}/v1/info`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch (cause) {
    throw new UpstreamError(`PoET ${base}/v1/info did not answer: ${(cause as Error).message}`, { cause, retryable: true, hint: "Check the PoET pod's log; it may still be starting." });
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported below
  }
  const pubkey = body.servicePubkey ?? body.service_pubkey;
  if (!response.ok || typeof pubkey !== "string" || !pubkey) {
    throw new UpstreamError(`PoET ${base}/v1/info answered HTTP ${response.status} without a service_pubkey: ${text.slice(0, 120)}`, { hint: "Is POET_PRIVATE_KEY set on the PoET, and is the URL its REST listener?" });
  }
  const duration = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { servicePubkey: pubkey, phaseShift: duration(body.phaseShift ?? body.phase_shift), cycleGap: duration(body.cycleGap ?? body.cycle_gap) };
}

import { createHash } from "node:crypto";
import { loadNetworkConfig, type PlanningConfig } from "../src/config";
import type { KeySource } from "../src/network-keys";
import { buildPlan, NO_NETWORK, type NetworkState, type PlanResult } from "../src/plan";

/** 2026-01-01T00:00:00Z: the clock every golden plan is made at. */
export const NOW = Date.UTC(2026, 0, 1);
export const COINBASE = "stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh3h52yh5gmp8j3xv";
export const COINBASE_2 = "stest1qqqqqqx7w0y7ycr5lfjkcj9n7cuvlprqfqd3fyqu4q4fe";

/** Deterministic keys: each Secret's seed is sha256 of its name. */
export function seededKeys(existing: Record<string, Record<string, string>> = {}): KeySource {
  return { existing: (secret) => existing[secret], newSeed: (secret) => createHash("sha256").update(`golden/${secret}`).digest() };
}

export function planningConfig(inputs: Record<string, string>): PlanningConfig {
  return loadNetworkConfig({ command: "plan", store: "gs://spacemesh-ops/networks", "public-base-url": "https://configs.example.org", coinbases: COINBASE, ...inputs }) as PlanningConfig;
}

export function planFor(inputs: Record<string, string>, options: { state?: NetworkState; keys?: KeySource; addMiner?: number } = {}): PlanResult {
  const config = planningConfig(inputs);
  return buildPlan({ config, now: NOW, state: options.state ?? NO_NETWORK, keys: options.keys ?? seededKeys(), confUrl: `https://configs.example.org/configs/${config.network}.json`, addMiner: options.addMiner });
}

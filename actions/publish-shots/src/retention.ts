import { ConfigError } from "@chainops/shared";
import { formatDuration, parseDuration } from "@chainops/shared/config";
import type { BaseEntry } from "./indexes";

/** Keep the newest `keep` per network/mode/type, and/or nothing older than `maxAgeMs`. Empty: keep all. */
export interface RetentionPolicy {
  keep?: number;
  maxAgeMs?: number;
}

const EXAMPLE = `"10" (newest 10), "30d" (30 days), "10,30d" (both), or "" (keep everything)`;

/** "10", "30d", "10,30d", "keep=10 max-age=30d". */
export function parseRetention(text: string, input = "retention"): RetentionPolicy {
  const policy: RetentionPolicy = {};
  for (const raw of text.split(/[,\s]+/).filter(Boolean)) {
    const [name, value] = raw.includes("=") ? (raw.split("=", 2) as [string, string]) : [undefined, raw];
    if ((name === undefined || name === "keep") && /^\d+$/.test(value)) {
      const keep = Number(value);
      if (keep < 1) throw new ConfigError(input, "must keep at least 1 artifact per type (the latest pointer needs one)", { value: text, example: EXAMPLE });
      policy.keep = keep;
    } else if (name === undefined || name === "max-age") {
      try {
        policy.maxAgeMs = parseDuration(value, input);
      } catch (error) {
        throw new ConfigError(input, "is neither a count nor a duration", { value: text, example: EXAMPLE, cause: error });
      }
    } else {
      throw new ConfigError(input, `has an unknown setting "${name}" (keep or max-age)`, { value: text, example: EXAMPLE });
    }
  }
  return policy;
}

export function describeRetention(policy: RetentionPolicy): string {
  const parts = [
    ...(policy.keep !== undefined ? [`newest ${policy.keep}`] : []),
    ...(policy.maxAgeMs !== undefined ? [`younger than ${formatDuration(policy.maxAgeMs)}`] : []),
  ];
  return parts.length ? parts.join(", ") : "keep everything";
}

/**
 * Which entries of one network+mode have expired: beyond the newest `keep` of their type, or
 * older than max age. The newest of each type and anything in `protectedKeys` always stay.
 */
export function selectExpired(entries: BaseEntry[], policy: RetentionPolicy, now: number, isProtected: (entry: BaseEntry) => boolean): BaseEntry[] {
  if (policy.keep === undefined && policy.maxAgeMs === undefined) return [];
  const expired: BaseEntry[] = [];
  const types = new Set(entries.map((entry) => entry.artifact_type));
  for (const type of types) {
    const ofType = entries.filter((entry) => entry.artifact_type === type).sort((a, b) => b.block_height - a.block_height);
    ofType.forEach((entry, index) => {
      if (index === 0 || isProtected(entry)) return;
      const tooMany = policy.keep !== undefined && index >= policy.keep;
      const tooOld = policy.maxAgeMs !== undefined && now - Date.parse(entry.block_timestamp) > policy.maxAgeMs;
      if (tooMany || tooOld) expired.push(entry);
    });
  }
  return expired;
}

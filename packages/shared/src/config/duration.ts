import { ConfigError } from "../core/errors";

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;
const DURATION_EXAMPLE = `"30s", "90m", "6h", "1d", "1w" or "1h30m"`;

/**
 * Parses a human duration ("30s", "90m", "6h", "1d", "1w", "1h30m", "1.5h") into milliseconds.
 * A bare number is refused: "30" could be seconds or minutes, and guessing wrong at 3 a.m. is costly.
 */
export function parseDuration(text: string, input = "duration"): number {
  const value = text.trim();
  if (!value) throw new ConfigError(input, "is empty; it needs a number and a unit", { example: DURATION_EXAMPLE });
  if (/^\d+(?:\.\d+)?$/.test(value)) {
    throw new ConfigError(input, "has no unit (s, m, h, d or w)", { value: text, example: `"${value}s" or "${value}m"` });
  }
  let total = 0;
  let offset = 0;
  PART.lastIndex = 0;
  while (offset < value.length) {
    PART.lastIndex = offset;
    const match = PART.exec(value);
    if (!match) {
      throw new ConfigError(input, `is not a duration (units: ms, s, m, h, d, w)`, { value: text, example: DURATION_EXAMPLE });
    }
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    offset = PART.lastIndex;
    while (value[offset] === " ") offset++;
  }
  return Math.round(total);
}

/** Milliseconds as a short duration ("1h30m", "45s", "250ms") for logs and summaries. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(1))}s`;
  let rest = Math.round(ms / 1_000);
  const parts: string[] = [];
  for (const [unit, seconds] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    const count = Math.floor(rest / seconds);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * seconds;
  }
  return parts.join("");
}

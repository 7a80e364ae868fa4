import { ConfigError } from "../core/errors";

// Same convention as GNU coreutils: K/M/G/T and KiB/MiB/… are powers of 1024, KB/MB/… powers of 1000.
const UNIT_BYTES: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024, ki: 1024, kib: 1024, kb: 1_000,
  m: 1024 ** 2, mi: 1024 ** 2, mib: 1024 ** 2, mb: 1_000_000,
  g: 1024 ** 3, gi: 1024 ** 3, gib: 1024 ** 3, gb: 1_000_000_000,
  t: 1024 ** 4, ti: 1024 ** 4, tib: 1024 ** 4, tb: 1_000_000_000_000,
};
const SIZE_EXAMPLE = `"512M", "1G", "1GiB", "500MB" or "1073741824"`;

/**
 * Parses a size into bytes: a plain byte count, or a number with a unit. K/M/G/T and KiB/MiB/GiB/TiB
 * are binary (1024-based), KB/MB/GB/TB decimal, as in GNU coreutils.
 */
export function parseSize(text: string, input = "size"): number {
  const value = text.trim();
  if (!value) throw new ConfigError(input, "is empty", { example: SIZE_EXAMPLE });
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value);
  const factor = match ? UNIT_BYTES[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    throw new ConfigError(input, "is not a size (a byte count, or a number with K, M, G, T, KiB, MiB, GiB, TiB, KB, MB, GB or TB)", { value: text, example: SIZE_EXAMPLE });
  }
  const bytes = Number(match[1]) * factor;
  if (!Number.isSafeInteger(Math.round(bytes))) throw new ConfigError(input, "is too large", { value: text, example: SIZE_EXAMPLE });
  return Math.round(bytes);
}

const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/** Bytes for humans: "512 B", "1.5 KiB", "3.27 GiB" (three significant digits). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  let shown = Number(value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
  // 1023.99 KiB rounds to 1024: show it as 1 MiB instead.
  if (shown >= 1024 && unit < BINARY_UNITS.length - 1) {
    shown = 1;
    unit++;
  }
  return `${sign}${shown} ${BINARY_UNITS[unit]}`;
}

import { ConfigError } from "@chainops/shared";

/** Kubernetes CPU quantity ("2", "500m", "1.5") → millicores. */
export function parseCpu(text: string, input: string): number {
  const value = text.trim();
  const match = /^(\d+(?:\.\d{1,3})?)(m?)$/.exec(value);
  if (!match) throw new ConfigError(input, "is not a CPU quantity (cores or millicores)", { value: text, example: "2 or 500m" });
  const milli = match[2] ? Number(match[1]) : Math.round(Number(match[1]) * 1000);
  if (!Number.isSafeInteger(milli) || milli < 1 || milli > 1_000_000) throw new ConfigError(input, "must be between 1m and 1000 cores", { value: text, example: "2" });
  return milli;
}

const MEMORY_UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Kubernetes memory quantity ("4Gi", "512Mi", "2G") → MiB, rounded up. */
export function parseMemory(text: string, input: string): number {
  const value = text.trim();
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)$/.exec(value);
  if (!match) throw new ConfigError(input, "is not a memory quantity with a unit", { value: text, example: "4Gi or 512Mi" });
  const mib = Math.ceil((Number(match[1]) * MEMORY_UNITS[match[2]!]!) / 1024 ** 2);
  if (!Number.isSafeInteger(mib) || mib < 1 || mib > 64 * 1024 * 1024) throw new ConfigError(input, "must be between 1Mi and 64Ti", { value: text, example: "4Gi" });
  return mib;
}

export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function formatMemory(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/** ceil(a / b) on integers without floating point. */
export function ceilDiv(a: number, b: number): number {
  return Number((BigInt(a) + BigInt(b) - 1n) / BigInt(b));
}

/** Milliseconds as a Go time.Duration string ("5m", "336h", "1h30m"): go-spacemesh and PoET parse it with time.ParseDuration, which has no "d". */
export function goDuration(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text = `${hours ? `${hours}h` : ""}${minutes ? `${minutes}m` : ""}${seconds ? `${seconds}s` : ""}`;
  return text || "0s";
}

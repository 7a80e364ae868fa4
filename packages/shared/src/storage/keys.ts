import { ConfigError } from "../core/errors";

/**
 * Object keys are relative, '/'-separated and never climb out of the store's prefix.
 * Checked on every backend so a key behaves the same everywhere.
 */
export function checkKey(key: string): string {
  if (
    key.length === 0 ||
    key.length > 1024 ||
    key.startsWith("/") ||
    key.endsWith("/") ||
    key.split("/").some((part) => part === "" || part === "." || part === "..") ||
    /[\u0000-\u001f\u007f\\]/.test(key)
  ) {
    throw new ConfigError("object key", "must be a relative path of non-empty segments without '.', '..', backslashes or control characters", {
      value: key,
      example: "historical-exports/snapshot_0_2890_1700000000.car.zst",
    });
  }
  return key;
}

/** Joins a store prefix and a key with exactly one '/'. */
export function joinKey(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).map((p) => p.replace(/^\/+|\/+$/g, "")).filter(Boolean).join("/");
}

import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../core/errors";

export type StoreUrl =
  | { kind: "file"; path: string; url: string }
  | { kind: "gs" | "s3"; bucket: string; prefix: string; url: string };

const EXAMPLES = "gs://my-bucket/prefix, s3://my-bucket/prefix or file:///var/lib/chainops/store";
// GCS and S3 bucket names: 3-63 chars (GCS allows up to 222 with dots), lowercase letters, digits, dots, dashes, underscores (GCS).
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/**
 * Parses a bucket URL. A relative path is not accepted (ambiguous on a runner); `file:` URLs
 * must be absolute. `input` names the setting in the error.
 */
export function parseStoreUrl(raw: string, input = "bucket"): StoreUrl {
  const value = raw.trim();
  if (!value) throw new ConfigError(input, "is empty", { example: EXAMPLES });
  const match = /^([a-z0-9]+):\/\/(.*)$/i.exec(value);
  if (!match) throw new ConfigError(input, "is not a bucket URL", { value, example: EXAMPLES });
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === "file") {
    let path: string;
    try {
      path = fileURLToPath(value);
    } catch (cause) {
      throw new ConfigError(input, "is not a valid file:// URL (it needs an absolute path: three slashes)", { value, example: "file:///srv/snapshots", cause });
    }
    if (!isAbsolute(path)) throw new ConfigError(input, "must be an absolute file:// path", { value, example: "file:///srv/snapshots" });
    const normal = resolve(path);
    return { kind: "file", path: normal, url: `file://${normal}` };
  }
  if (scheme !== "gs" && scheme !== "s3") {
    throw new ConfigError(input, `has an unknown scheme "${scheme}://"`, { value, example: EXAMPLES });
  }
  const [bucket = "", ...parts] = rest.split("/");
  if (!BUCKET.test(bucket) || bucket.includes("..")) {
    throw new ConfigError(input, `has an invalid bucket name "${bucket}" (lowercase letters, digits, '.', '-'; 3-63 characters)`, { value, example: EXAMPLES });
  }
  if (parts.some((p, i) => (p === "" && i < parts.length - 1) || p === "." || p === "..")) {
    throw new ConfigError(input, "has an empty, '.' or '..' path segment", { value, example: `${scheme}://${bucket}/snapshots` });
  }
  const prefix = parts.filter(Boolean).join("/");
  return { kind: scheme, bucket, prefix, url: `${scheme}://${bucket}${prefix ? `/${prefix}` : ""}` };
}

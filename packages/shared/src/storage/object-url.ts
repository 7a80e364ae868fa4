import { basename, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../core/errors";
import { checkKey } from "./keys";
import { parseStoreUrl } from "./store-url";

export interface ObjectUrl {
  /** The store root: the URL without its last path part. */
  storeUrl: string;
  /** The last path part, a key of that store. */
  key: string;
}

/**
 * Splits an object URL (gs://bucket/dir/file.car.zst, s3://…, file:///srv/store/file) into the store
 * that holds it and its key, so a CLI or action can take one URL per object.
 */
export function splitObjectUrl(raw: string, input = "object URL"): ObjectUrl {
  const example = "gs://my-bucket/mainnet/snapshot.car.zst";
  const parsed = parseStoreUrl(raw, input);
  if (raw.trim().endsWith("/")) throw new ConfigError(input, "ends with '/', so it names a folder, not an object", { value: raw, example });
  if (parsed.kind === "file") {
    const key = basename(parsed.path);
    if (!key) throw new ConfigError(input, "names the file system root, not an object", { value: raw, example: "file:///srv/store/snapshot.car.zst" });
    return { storeUrl: pathToFileURL(dirname(parsed.path)).href, key: checkKey(key) };
  }
  if (!parsed.prefix) throw new ConfigError(input, "names a bucket, not an object in it", { value: raw, example });
  const cut = parsed.prefix.lastIndexOf("/");
  const key = parsed.prefix.slice(cut + 1);
  const dir = cut === -1 ? "" : parsed.prefix.slice(0, cut);
  return { storeUrl: `${parsed.kind}://${parsed.bucket}${dir ? `/${dir}` : ""}`, key: checkKey(key) };
}

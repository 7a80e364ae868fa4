import { checkKey } from "./keys";

/** Maps store-relative keys to full object names under a bucket prefix, and back. */
export class BucketPath {
  constructor(readonly bucket: string, readonly prefix: string) {}

  /** Full object name of a store key. */
  full(key: string): string {
    checkKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  /** Full-name prefix for list(prefix): under the store prefix even when `prefix` is "". */
  listPrefix(prefix: string): string {
    return this.prefix ? `${this.prefix}/${prefix}` : prefix;
  }

  /** Store key of a full object name from a listing. */
  relative(name: string): string {
    return this.prefix ? name.slice(this.prefix.length + 1) : name;
  }

  /** The full name with each segment URL-encoded, for public URLs. */
  encoded(key: string): string {
    return this.full(key).split("/").map(encodeURIComponent).join("/");
  }
}

import { createRequire as __chainopsCreateRequire } from 'node:module';
const require = __chainopsCreateRequire(import.meta.url);
import {
  checkKey
} from "./chunk-XRQDH62Z.js";
import {
  __name
} from "./chunk-ZZWIB55L.js";

// packages/shared/src/storage/bucket-path.ts
var BucketPath = class {
  constructor(bucket, prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
  }
  bucket;
  prefix;
  static {
    __name(this, "BucketPath");
  }
  /** Full object name of a store key. */
  full(key) {
    checkKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }
  /** Full-name prefix for list(prefix): under the store prefix even when `prefix` is "". */
  listPrefix(prefix) {
    return this.prefix ? `${this.prefix}/${prefix}` : prefix;
  }
  /** Store key of a full object name from a listing. */
  relative(name) {
    return this.prefix ? name.slice(this.prefix.length + 1) : name;
  }
  /** The full name with each segment URL-encoded, for public URLs. */
  encoded(key) {
    return this.full(key).split("/").map(encodeURIComponent).join("/");
  }
};

export {
  BucketPath
};

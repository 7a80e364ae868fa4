import { createRequire as __chainopsCreateRequire } from 'node:module';
const require = __chainopsCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-ZZWIB55L.js";

// packages/shared/src/storage/s3-part-size.ts
var MiB = 1024 * 1024;
var MIN_PART_SIZE = 8 * MiB;
var DEFAULT_PART_SIZE = 16 * MiB;
var MAX_PART_SIZE = 5 * 1024 * MiB;
var MAX_PARTS = 1e4;
var PART_BUFFER_BUDGET = 64 * MiB;
function choosePartSize(sizeHint) {
  let partSize = DEFAULT_PART_SIZE;
  if (sizeHint !== void 0 && sizeHint > 0) {
    const needed = Math.ceil(sizeHint * 1.1 / MAX_PARTS);
    partSize = Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, Math.ceil(needed / MiB) * MiB));
  }
  const queueSize = Math.max(1, Math.min(4, Math.floor(PART_BUFFER_BUDGET / partSize)));
  return { partSize, queueSize };
}
__name(choosePartSize, "choosePartSize");

export {
  choosePartSize
};

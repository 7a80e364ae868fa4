// Multipart sizing for S3 uploads: plain arithmetic, kept apart from s3-store.ts so it loads without the SDK.

const MiB = 1024 * 1024;
const MIN_PART_SIZE = 8 * MiB;
const DEFAULT_PART_SIZE = 16 * MiB;
const MAX_PART_SIZE = 5 * 1024 * MiB;
const MAX_PARTS = 10_000;
/** Upper bound on part buffers held at once (queueSize × partSize), so memory stays flat whatever the size. */
const PART_BUFFER_BUDGET = 64 * MiB;

/**
 * Part size and concurrency for a multipart upload. With a size hint the part size makes
 * 10,000 parts cover it (plus 10 % headroom, since hints are often estimates); without one,
 * 16 MiB parts cover ~156 GiB. Concurrency shrinks as parts grow to keep buffers bounded.
 */
export function choosePartSize(sizeHint?: number): { partSize: number; queueSize: number } {
  let partSize = DEFAULT_PART_SIZE;
  if (sizeHint !== undefined && sizeHint > 0) {
    const needed = Math.ceil((sizeHint * 1.1) / MAX_PARTS);
    partSize = Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, Math.ceil(needed / MiB) * MiB));
  }
  const queueSize = Math.max(1, Math.min(4, Math.floor(PART_BUFFER_BUDGET / partSize)));
  return { partSize, queueSize };
}

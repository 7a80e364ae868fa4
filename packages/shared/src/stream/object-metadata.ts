import type { ObjectStore } from "../storage/types";
import type { UploadResult } from "./types";

/**
 * The metadata document published beside an uploaded object as `<key>.json`: what
 * `chainops store verify` and a download check (sha256 and filesize_bytes of the stored bytes).
 */
export interface ObjectMetadata {
  name: string;
  sha256: string;
  filesize_bytes: number;
  /** The bytes before compression, when the pipeline compressed them. */
  uncompressed_size_bytes?: number;
  format?: string;
  compression?: string;
  url: string;
  created_at: string;
}

export function objectMetadataKey(key: string): string {
  return `${key}.json`;
}

/**
 * Writes `<key>.json` for an object compressAndUpload stored (and so verified by head()): the
 * publish order's data → verify → metadata step. Returns the document written.
 */
export async function putObjectMetadata(
  store: ObjectStore,
  uploaded: UploadResult,
  options: { createdAt: Date; format?: string; compression?: string },
): Promise<ObjectMetadata> {
  const metadata: ObjectMetadata = {
    name: uploaded.key.split("/").pop()!,
    ...(options.format ? { format: options.format } : {}),
    ...(options.compression ? { compression: options.compression } : {}),
    sha256: uploaded.sha256,
    filesize_bytes: uploaded.size,
    ...(options.compression ? { uncompressed_size_bytes: uploaded.inputSize } : {}),
    url: uploaded.url,
    created_at: options.createdAt.toISOString(),
  };
  await store.put(objectMetadataKey(uploaded.key), `${JSON.stringify(metadata, null, 2)}\n`, { contentType: "application/json" });
  return metadata;
}

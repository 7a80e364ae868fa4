import { ConfigError } from "../core/errors";
import { FileStore } from "./file-store";
import { parseStoreUrl } from "./store-url";
import type { ObjectStore } from "./types";

/** Connection settings per backend; unset fields fall back to the SDK's default chain. */
export interface StoreOptions {
  s3?: {
    /** S3-compatible endpoint, e.g. http://127.0.0.1:4569 or https://<account>.r2.cloudflarestorage.com */
    endpoint?: string;
    region?: string;
    forcePathStyle?: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    /** Base of public URLs, default https://<bucket>.s3.<region>.amazonaws.com */
    publicBaseUrl?: string;
  };
  gcs?: {
    /** e.g. http://127.0.0.1:4443 for a local fake */
    apiEndpoint?: string;
    projectId?: string;
    keyFilename?: string;
    /** Skip auth entirely (local fakes only). */
    anonymous?: boolean;
    /** Base of public URLs, default https://storage.googleapis.com/<bucket> */
    publicBaseUrl?: string;
  };
}

/** Opens the store a URL names: gs://, s3:// or file://. */
export async function openStore(url: string, options: StoreOptions = {}, input = "bucket"): Promise<ObjectStore> {
  const parsed = parseStoreUrl(url, input);
  switch (parsed.kind) {
    case "file":
      return new FileStore(parsed.path);
    default:
      throw new ConfigError(input, `${parsed.kind}:// is not wired in yet`, { value: url });
  }
}

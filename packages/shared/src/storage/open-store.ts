import type { Logger } from "../core/logger";
import { FileStore } from "./file-store";
import { parseStoreUrl } from "./store-url";
import type { ObjectStore } from "./types";

/** Connection settings per backend; unset fields fall back to the SDK's default chain. */
export interface StoreOptions {
  /** Where the store says what it is waiting for or repairing (file:// locks). */
  logger?: Logger;
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

/**
 * Opens the store a URL names: gs://, s3:// or file://. Keys are relative to the URL's prefix.
 * Nothing is contacted yet; credential and bucket problems surface on the first operation as
 * ConfigErrors naming `input`. Each cloud SDK is loaded here, only for a URL of its scheme: they
 * take ~0.15 s each to load, and a run uses at most one (file:// runs none).
 */
export async function openStore(url: string, options: StoreOptions = {}, input = "bucket"): Promise<ObjectStore> {
  const parsed = parseStoreUrl(url, input);
  switch (parsed.kind) {
    case "file":
      return new FileStore(parsed.path, { logger: options.logger, input });
    case "s3": {
      const { createS3Client, S3Store } = await import("./s3-store");
      const s3 = options.s3 ?? {};
      return new S3Store({
        client: createS3Client(s3),
        bucket: parsed.bucket,
        prefix: parsed.prefix,
        url: parsed.url,
        input,
        endpoint: s3.endpoint,
        forcePathStyle: s3.forcePathStyle,
        region: s3.region,
        publicBaseUrl: s3.publicBaseUrl,
      });
    }
    case "gs": {
      const { createGcsClient, GcsStore } = await import("./gcs-store");
      const gcs = options.gcs ?? {};
      return new GcsStore({
        storage: createGcsClient(gcs),
        bucket: parsed.bucket,
        prefix: parsed.prefix,
        url: parsed.url,
        input,
        apiEndpoint: gcs.apiEndpoint,
        publicBaseUrl: gcs.publicBaseUrl,
      });
    }
  }
}

import { z } from "zod";
import { field, zBool } from "../config/fields";
import { parseInputs } from "../config/parse-inputs";
import type { StoreOptions } from "./open-store";

// Store connection settings that come from the host rather than from action inputs: S3-compatible
// endpoints and GCS emulators. Adapters (action main.ts, the CLI) pass their environment in.
const envSchema = z.object({
  s3Endpoint: z.url().optional(),
  s3ForcePathStyle: zBool().optional(),
  // The GCS client itself reads STORAGE_EMULATOR_HOST as a base URL, so it needs its scheme.
  gcsEndpoint: field(z.string().regex(/^https?:\/\/[^/\s]+/, "must be an http(s):// URL"), { example: "http://localhost:4443" }).optional(),
  gcsAnonymous: zBool().optional(),
});

/** Store connection settings from an environment (the adapter passes process.env). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv): StoreOptions {
  const parsed = parseInputs(
    envSchema,
    {
      s3Endpoint: env.AWS_ENDPOINT_URL_S3 || env.CHAINOPS_S3_ENDPOINT,
      s3ForcePathStyle: env.CHAINOPS_S3_FORCE_PATH_STYLE,
      gcsEndpoint: env.CHAINOPS_GCS_ENDPOINT || env.STORAGE_EMULATOR_HOST,
      gcsAnonymous: env.CHAINOPS_GCS_ANONYMOUS,
    },
    {
      inputNames: {
        s3Endpoint: env.AWS_ENDPOINT_URL_S3 ? "AWS_ENDPOINT_URL_S3" : "CHAINOPS_S3_ENDPOINT",
        s3ForcePathStyle: "CHAINOPS_S3_FORCE_PATH_STYLE",
        gcsEndpoint: env.CHAINOPS_GCS_ENDPOINT ? "CHAINOPS_GCS_ENDPOINT" : "STORAGE_EMULATOR_HOST",
        gcsAnonymous: "CHAINOPS_GCS_ANONYMOUS",
      },
    },
  );
  const options: StoreOptions = {};
  if (parsed.s3Endpoint) options.s3 = { endpoint: parsed.s3Endpoint, forcePathStyle: parsed.s3ForcePathStyle ?? true };
  else if (parsed.s3ForcePathStyle !== undefined) options.s3 = { forcePathStyle: parsed.s3ForcePathStyle };
  const gcsEndpoint = parsed.gcsEndpoint;
  // Emulators take no auth.
  const emulator = !env.CHAINOPS_GCS_ENDPOINT && Boolean(env.STORAGE_EMULATOR_HOST);
  const anonymous = parsed.gcsAnonymous ?? emulator;
  if (gcsEndpoint || anonymous) options.gcs = { apiEndpoint: gcsEndpoint, anonymous };
  return options;
}

/** Settings given explicitly (action inputs, flags) win over the environment's, backend by backend. */
export function mergeStoreOptions(base: StoreOptions, override: StoreOptions): StoreOptions {
  const logger = override.logger ?? base.logger;
  return {
    ...(logger ? { logger } : {}),
    ...(base.s3 || override.s3 ? { s3: { ...base.s3, ...override.s3 } } : {}),
    ...(base.gcs || override.gcs ? { gcs: { ...base.gcs, ...override.gcs } } : {}),
  };
}

import type { DeprecatedInputs } from "@chainops/shared/config";

/**
 * Store settings are the environment's, under the SDKs' names, for every action and the CLI; these
 * two publish-shots inputs predate that and still work for now.
 */
export const DEPRECATED_INPUTS: DeprecatedInputs = {
  "s3-endpoint": "set AWS_ENDPOINT_URL_S3 in the environment instead (the step's env:, or the shell for the CLI), as every action reads it",
  "s3-region": "set AWS_REGION in the environment instead (the step's env:, or the shell for the CLI), as every action reads it",
};

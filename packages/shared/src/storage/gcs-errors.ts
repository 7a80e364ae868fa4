import { AbortedError, ChainopsError, ConfigError, ConflictError, UpstreamError } from "../core/errors";
import { isTransientNetworkError, networkErrorCode, networkHint } from "./network-errors";

/** Where a GCS error happened, for messages that say what to fix. */
export interface GcsErrorContext {
  operation: string;
  /** Store URL (gs://bucket/prefix). */
  url: string;
  bucket: string;
  key?: string;
  input: string;
  apiEndpoint?: string;
}

const CREDENTIALS_HINT =
  "Provide Google credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run `gcloud auth application-default login`, " +
  "or run where workload identity supplies them; in GitHub Actions use google-github-actions/auth before this step.";

/** The IAM permission each operation needs, named in access-denied errors. */
const GCS_PERMISSIONS: Record<string, string> = {
  upload: "storage.objects.create (and storage.objects.delete to replace an object)",
  "conditional write": "storage.objects.create and storage.objects.delete",
  read: "storage.objects.get",
  head: "storage.objects.get",
  list: "storage.objects.list",
  delete: "storage.objects.delete",
};

interface GcsSdkError {
  name?: string;
  code?: unknown;
  message?: string;
  errors?: Array<{ reason?: string; message?: string }>;
}

/** HTTP status of a GCS API error (ApiError.code), when the server answered. */
export function gcsStatus(error: unknown): number | undefined {
  const code = (error as GcsSdkError | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

export function isMissingBucket(error: unknown): boolean {
  return gcsStatus(error) === 404 && /bucket does not exist/i.test((error as GcsSdkError).message ?? "");
}

/** 404 for the object itself (not for a missing bucket, which is a configuration problem). */
export function isMissingObject(error: unknown): boolean {
  return gcsStatus(error) === 404 && !isMissingBucket(error);
}

/** Turns a @google-cloud/storage error into a typed chainops error with a hint. Typed errors pass through. */
export function mapGcsError(error: unknown, context: GcsErrorContext): Error {
  if (error instanceof ChainopsError) return error;
  const e = (error ?? {}) as GcsSdkError;
  const status = gcsStatus(error);
  const message = e.message ?? String(error);
  const reason = e.errors?.[0]?.reason;
  const where = context.key ? `${context.url}/${context.key}` : context.url;

  if (e.name === "AbortError" || (error as { code?: unknown }).code === "ABORT_ERR") {
    return new AbortedError(`${context.operation} of ${where} was aborted`, { cause: error });
  }
  if (status === 412) return new ConflictError(context.key ?? where, `${where} changed or appeared since it was read (generation precondition failed)`);
  // Without credentials the client sends the request anyway; GCS answers 401 "Anonymous caller …".
  if (/could not load the default credentials|unable to detect a project id|anonymous caller/i.test(message)) {
    return new ConfigError(context.input, `no Google credentials were found to access gs://${context.bucket}`, { value: context.url, hint: CREDENTIALS_HINT, cause: error });
  }
  if (/invalid_grant|invalid_rapt|token has been expired|expired or revoked/i.test(message)) {
    return new ConfigError(context.input, `the Google credentials for gs://${context.bucket} have expired or were revoked`, {
      value: context.url,
      hint: `Refresh them (gcloud auth application-default login, or a new key). ${CREDENTIALS_HINT}`,
      cause: error,
    });
  }
  if (status === 401) {
    return new ConfigError(context.input, `the Google credentials were rejected for gs://${context.bucket}`, { value: context.url, hint: CREDENTIALS_HINT, cause: error });
  }
  if (isMissingBucket(error)) {
    return new ConfigError(context.input, `the bucket "${context.bucket}" does not exist${context.apiEndpoint ? ` at ${context.apiEndpoint}` : ""}`, {
      value: context.url,
      example: "gs://my-snapshots/mainnet",
      hint: "Check the bucket name (and the project that owns it); create the bucket if it is new.",
      cause: error,
    });
  }
  if (status === 403) {
    const needed = GCS_PERMISSIONS[context.operation] ?? "storage.objects.get, create, delete and list";
    return new ConfigError(context.input, `access to ${where} was denied for ${context.operation} (HTTP 403: ${message}): the credentials lack ${needed}`, {
      value: context.url,
      hint: `Grant the service account roles/storage.objectAdmin on gs://${context.bucket} (every permission a run needs), or at least ${needed}.`,
      cause: error,
    });
  }
  const network = networkErrorCode(error);
  if (network) {
    return new UpstreamError(`Cannot reach Google Cloud Storage for ${context.operation} of ${where}: ${message}`, {
      hint: networkHint(context.apiEndpoint ?? "storage.googleapis.com"),
      retryable: isTransientNetworkError(error),
      cause: error,
    });
  }
  const retryable = status !== undefined && (status >= 500 || status === 429 || status === 408);
  return new UpstreamError(`GCS ${context.operation} of ${where} failed: ${message}${status ? ` (HTTP ${status}${reason ? `, ${reason}` : ""})` : ""}`, {
    hint: retryable ? "GCS had a transient problem; run again." : undefined,
    retryable,
    cause: error,
  });
}

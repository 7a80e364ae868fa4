import { AbortedError, ChainopsError, ConfigError, ConflictError, UpstreamError } from "../core/errors";
import { isTransientNetworkError, networkErrorCode, networkHint } from "./network-errors";

/** Where an S3 error happened, for messages that say what to fix. */
export interface S3ErrorContext {
  /** What we were doing, e.g. "upload", "read", "list". */
  operation: string;
  /** Store URL (s3://bucket/prefix). */
  url: string;
  bucket: string;
  key?: string;
  /** The input that named the store, e.g. "bucket". */
  input: string;
  endpoint?: string;
}

const CREDENTIALS_HINT =
  "Provide AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary ones) or AWS_PROFILE, " +
  "or run where an instance/task role supplies them; in GitHub Actions use aws-actions/configure-aws-credentials (OIDC) before this step.";

/** The IAM action each operation needs, named in access-denied errors. */
const S3_PERMISSIONS: Record<string, string> = {
  upload: "s3:PutObject",
  "conditional write": "s3:PutObject",
  redirect: "s3:PutObject",
  read: "s3:GetObject",
  head: "s3:GetObject (and s3:ListBucket)",
  list: "s3:ListBucket",
  delete: "s3:DeleteObject",
};

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** The HTTP status of an SDK error, when it came from the server. */
export function s3Status(error: unknown): number | undefined {
  return (error as SdkError | undefined)?.$metadata?.httpStatusCode;
}

/** Turns an AWS SDK error into a typed chainops error with a hint. Already-typed errors pass through. */
export function mapS3Error(error: unknown, context: S3ErrorContext): Error {
  if (error instanceof ChainopsError) return error;
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? "";
  const status = s3Status(error);
  const message = e.message ?? String(error);
  const where = context.key ? `${context.url}/${context.key}` : context.url;

  if (name === "AbortError" || name === "RequestAbortedError") return new AbortedError(`${context.operation} of ${where} was aborted`, { cause: error });
  if (name === "PreconditionFailed" || name === "ConditionalRequestConflict" || status === 412) {
    return new ConflictError(context.key ?? where, `${where} changed or appeared since it was read (${name || status})`);
  }
  if (name === "CredentialsProviderError" || /could not load credentials/i.test(message)) {
    return new ConfigError(context.input, `no AWS credentials were found to access s3://${context.bucket}`, { value: context.url, hint: CREDENTIALS_HINT, cause: error });
  }
  if (/^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired|RequestExpired)$/.test(name)) {
    return new ConfigError(context.input, `the AWS credentials for s3://${context.bucket} have expired (${name})`, {
      value: context.url,
      hint: `Refresh them (aws sso login, or re-run configure-aws-credentials). ${CREDENTIALS_HINT}`,
      cause: error,
    });
  }
  if (name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch") {
    return new ConfigError(context.input, `the AWS credentials were rejected by ${context.endpoint ?? "S3"} (${name})`, {
      value: context.url,
      hint: `Check the access key and secret for this endpoint. ${CREDENTIALS_HINT}`,
      cause: error,
    });
  }
  if (/region is missing/i.test(message)) {
    return new ConfigError(context.input, `no AWS region is configured for s3://${context.bucket}`, {
      value: context.url,
      hint: "Set AWS_REGION (or the region store option) to the bucket's region, e.g. us-east-1.",
      cause: error,
    });
  }
  if (name === "NoSuchBucket") {
    return new ConfigError(context.input, `the bucket "${context.bucket}" does not exist${context.endpoint ? ` at ${context.endpoint}` : ""}`, {
      value: context.url,
      example: "s3://my-snapshots/mainnet",
      hint: "Check the bucket name, the region and (for S3-compatible stores) the endpoint; create the bucket if it is new.",
      cause: error,
    });
  }
  if (name === "AccessDenied" || name === "Forbidden" || status === 403) {
    const needed = S3_PERMISSIONS[context.operation] ?? "s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket";
    return new ConfigError(context.input, `access to ${where} was denied for ${context.operation} (${name || `HTTP ${status}`}): the credentials lack ${needed}`, {
      value: context.url,
      hint: `Grant the role or user this runs as ${needed} on bucket ${context.bucket}${
        context.operation === "head" ? " (without s3:ListBucket S3 also answers 403 for an object that does not exist)" : ""
      }; a run needs s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket.`,
      cause: error,
    });
  }
  if (/Exceeded 10000 parts/.test(message)) {
    return new UpstreamError(`Upload of ${where} needs more than 10,000 parts`, {
      hint: "Pass the expected size (sizeHint) so a larger part size is chosen.",
      cause: error,
    });
  }
  if (networkErrorCode(error)) {
    return new UpstreamError(`Cannot reach S3 for ${context.operation} of ${where}: ${message}`, {
      hint: networkHint(context.endpoint ?? `the S3 endpoint for ${context.bucket}`),
      retryable: isTransientNetworkError(error),
      cause: error,
    });
  }
  const retryable = (status !== undefined && (status >= 500 || status === 429)) || Boolean(e.$retryable);
  return new UpstreamError(`S3 ${context.operation} of ${where} failed: ${name ? `${name}: ` : ""}${message}${status ? ` (HTTP ${status})` : ""}`, {
    hint: retryable ? "S3 had a transient problem; run again." : undefined,
    retryable,
    cause: error,
  });
}

import { dirname, relative, isAbsolute } from "node:path";
import { ConfigError } from "../core/errors";

/** What a file:// store operation was doing, for messages that say what to fix. */
export interface FileErrorContext {
  /** "upload", "read", "head", "list", "delete", "conditional write" — as the S3 and GCS mappings name them. */
  operation: string;
  /** Store URL (file:///srv/snapshots). */
  url: string;
  /** The store's root directory. */
  root: string;
  key?: string;
  /** The input that named the store, e.g. "bucket". */
  input: string;
}

const PERMISSION_CODES = new Set(["EACCES", "EPERM", "EROFS"]);

/**
 * Turns a permission error of the local disk (EACCES, EPERM, EROFS) inside the store into a
 * ConfigError naming the bucket, the operation and the permission it needs. Every other error,
 * and errors about paths outside the store (a source file being read), pass through unchanged.
 */
export function mapFileError(error: unknown, context: FileErrorContext): unknown {
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e?.code || !PERMISSION_CODES.has(e.code)) return error;
  const path = e.path ?? context.root;
  if (!isInside(context.root, path) && !isInside(path, context.root)) return error;
  const where = context.key ? `${context.url}/${context.key}` : context.url;
  const uid = process.getuid?.();
  const who = uid === undefined ? "the user this runs as" : `the user this runs as (uid ${uid})`;
  if (e.code === "EROFS") {
    return new ConfigError(context.input, `${context.operation} of ${where} failed: ${path} is on a read-only filesystem`, {
      value: context.url,
      hint: `Remount it read-write, or choose a bucket folder on a writable disk.`,
      cause: error,
    });
  }
  // mkdir and open name the entry they could not create: the permission is needed on its folder.
  const creates = e.syscall === "mkdir" || e.syscall === "open" || e.syscall === "rename" || e.syscall === "unlink" || e.syscall === "rmdir";
  const folder = creates && context.operation !== "read" && context.operation !== "head" ? dirname(path) : path;
  return new ConfigError(context.input, `${context.operation} of ${where} failed: permission denied on ${path} (${e.code} from ${e.syscall ?? "the filesystem"})`, {
    value: context.url,
    hint: `${capitalise(who)} needs ${neededFor(context.operation)} on ${folder}. Change its owner or mode (e.g. \`chown -R <runner user> ${context.root}\`), or choose a bucket folder this user can write.`,
    cause: error,
  });
}

function neededFor(operation: string): string {
  switch (operation) {
    case "read":
    case "head":
      return "read permission on the object and search (x) permission on its folders";
    case "list":
      return "read and search (r+x) permission";
    default:
      // upload, conditional write, delete: entries are created, renamed and removed in the object's folder.
      return "write and search (w+x) permission";
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

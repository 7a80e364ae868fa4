import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { fail, pass, type PreflightCheck } from "./types";

/**
 * A local directory the run reads from or writes into exists and this user may use it, so a
 * wrong path or a missing permission fails now, not after an hour of exporting.
 */
export function directoryCheck(options: { path: string; input: string; purpose: string; writable: boolean }): PreflightCheck {
  const { path } = options;
  const uid = process.getuid?.();
  const who = uid === undefined ? "this user" : `this user (uid ${uid})`;
  return {
    name: `${options.input} ${options.writable ? "writable" : "readable"}`,
    input: options.input,
    run: async () => {
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (info instanceof Error) {
        return info.code === "ENOENT"
          ? fail(`${path} does not exist (it ${options.purpose})`, `Create it, or set ${options.input} to the right directory on this runner.`)
          : fail(`${path} cannot be read: ${info.code ?? info.message}`, `Give ${who} search (x) permission on the folders above ${path}.`);
      }
      if (!info.isDirectory()) return fail(`${path} is not a directory (it ${options.purpose})`, `Set ${options.input} to a directory.`);
      const mode = constants.R_OK | constants.X_OK | (options.writable ? constants.W_OK : 0);
      const denied = await access(path, mode).then(() => undefined, (error: NodeJS.ErrnoException) => error);
      if (denied) {
        const needs = options.writable ? "read, write and search (rwx)" : "read and search (r+x)";
        return fail(`${who} may not use ${path}: ${denied.code} (it ${options.purpose})`, `Give ${who} ${needs} permission on ${path} (chown or chmod), or run as its owner.`);
      }
      return pass(`${path} (${options.purpose})`);
    },
  };
}

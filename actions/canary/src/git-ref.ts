/** A full or abbreviated (7–40 hex) commit SHA. */
export const COMMIT_SHA = /^[0-9a-f]{7,40}$/;

/**
 * A ref name we accept from a comment: git's own rules, narrowed. Letters, digits and . _ / -,
 * no leading '-' or '.', no '..', '//', '@{', trailing '/', '.' or '.lock'. At most 100 characters.
 * Pull-request refs (pull/N/head) are refused: they name another PR's (maybe a fork's) code.
 */
export function isSafeRef(ref: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(ref) &&
    !ref.includes("..") &&
    !ref.includes("//") &&
    !ref.endsWith("/") &&
    !ref.endsWith(".") &&
    !ref.endsWith(".lock") &&
    !ref.split("/").some((part) => part.startsWith(".")) &&
    !/^(refs\/)?pull\//.test(ref)
  );
}

export * from "./types";
export * from "./run-preflight";
export * from "./executable-checks";
export * from "./bucket-writable-check";
export * from "./lotus-checks";
export * from "./directory-check";

export * from "./run-command";
export * from "./find-executable";

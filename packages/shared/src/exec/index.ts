export * from "./run-command";
export * from "./find-executable";
export * from "./systemd-unit";

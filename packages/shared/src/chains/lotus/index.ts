export * from "./types";
export * from "./endpoint";
export * from "./client";
export * from "./chain-time";

export * from "./core/errors";
export * from "./core/logger";
export * from "./core/clock";
export * from "./core/process-identity";

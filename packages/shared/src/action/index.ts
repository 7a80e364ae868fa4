export * from "./core-logger";
export * from "./inputs";
export * from "./run-action";
export * from "./github-run-check";

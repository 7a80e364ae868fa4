export * from "./types";
export * from "./keys";
export * from "./store-url";
export * from "./file-store";
export * from "./open-store";
export * from "./json-documents";

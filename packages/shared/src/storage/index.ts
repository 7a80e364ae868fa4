export * from "./types";
export * from "./keys";
export * from "./store-url";
export * from "./object-url";
export * from "./file-store";
// The SDK-backed stores as types only: openStore() loads them on demand (open-store.ts).
export type { S3Store, S3StoreConfig } from "./s3-store";
export type { GcsStore, GcsStoreConfig } from "./gcs-store";
export * from "./s3-part-size";
export * from "./open-store";
export * from "./json-documents";
export * from "./store-options-from-env";

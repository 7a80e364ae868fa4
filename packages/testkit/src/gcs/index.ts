export * from "./start-gcs";

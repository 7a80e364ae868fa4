export * from "./start-s3";

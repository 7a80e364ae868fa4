export * from "./start-s3";
export * from "./start-conditional-s3";

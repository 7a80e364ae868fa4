export * from "./textfile";

export * from "./report";

export * from "./fake-executables";

export * from "./node-sim";
export * from "./poet-sim";

export * from "./server";
export * from "./presets";

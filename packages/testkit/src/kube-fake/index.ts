export * from "./server";
export { RESOURCE_TYPES, type ResourceType } from "./resources";

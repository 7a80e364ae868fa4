export * from "./rpc-types";
export * from "./rpc-client";
export * from "./node-cli";

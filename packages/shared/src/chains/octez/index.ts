export * from "./rpc-types";
export * from "./rpc-client";
export * from "./node-cli";
export * from "./node-config";
export * from "./data-dir-lock";
export * from "./headless-node";

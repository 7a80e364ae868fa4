export * from "./genesis-id";
export * from "./ed25519-keys";
export * from "./p2p-identity";
export * from "./gateway-client";
export * from "./poet-client";

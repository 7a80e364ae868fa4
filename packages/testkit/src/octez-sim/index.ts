export * from "./chain";
export * from "./server";
export * from "./data-dir";
export { base58check, digest, PREFIX as TEZOS_PREFIX } from "./base58check";

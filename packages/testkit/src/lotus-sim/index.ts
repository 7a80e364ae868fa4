export * from "./start-lotus-sim";
export * from "./sim-chain";
export * from "./snapshot-car";
export * from "./fake-lotus";

export * from "./blocks";
export * from "./slack";
export * from "./grafana";

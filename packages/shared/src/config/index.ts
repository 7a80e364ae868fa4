export * from "./duration";
export * from "./size";
export * from "./fields";
export * from "./parse-inputs";
export * from "./deprecated-inputs";

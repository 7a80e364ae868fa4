export * from "./types";
export * from "./compress-and-upload";
export * from "./download-and-verify";
export { describeProgress, ProgressMeter } from "./progress";
export * from "./object-metadata";

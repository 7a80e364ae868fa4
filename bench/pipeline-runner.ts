// One pipeline run, as its own process so the bench can read its wall time and peak RSS:
//   node pipeline-runner.mjs <input-dir> <store-dir> <key>
// Bundled by bench/pipeline.ts (like an action's dist), so no TypeScript loader is measured.
import { RecordingLogger } from "@chainops/shared";
// The file:// backend only: loading the cloud SDKs is start-up cost, not pipeline cost.
import { FileStore } from "../packages/shared/src/storage/file-store";
import { compressAndUpload } from "@chainops/shared/stream";

const [input, storeDir, key] = process.argv.slice(2);
if (!input || !storeDir || !key) throw new Error("usage: pipeline-runner <input-dir> <store-dir> <key>");
const store = new FileStore(storeDir);
const result = await compressAndUpload({ source: { kind: "directory", path: input }, compression: { kind: "lz4" }, store, key, logger: new RecordingLogger() });
console.log(JSON.stringify({ durationMs: result.durationMs, size: result.size, inputSize: result.inputSize, sha256: result.sha256, maxRssKiB: process.resourceUsage().maxRSS }));

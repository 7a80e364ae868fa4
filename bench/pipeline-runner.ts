// One pipeline run, as its own process so the bench can read its wall time and peak RSS:
//   node pipeline-runner.mjs <input-dir> <store-dir> <key>
// Bundled by bench/pipeline.ts (like an action's dist), so no TypeScript loader is measured.
import { RecordingLogger } from "@chainops/shared";
import { openStore } from "@chainops/shared/storage";
import { compressAndUpload } from "@chainops/shared/stream";

const [input, storeDir, key] = process.argv.slice(2);
if (!input || !storeDir || !key) throw new Error("usage: pipeline-runner <input-dir> <store-dir> <key>");
// As an action opens its bucket: a file:// URL loads no cloud SDK.
const store = await openStore(`file://${storeDir}`);
const result = await compressAndUpload({ source: { kind: "directory", path: input }, compression: { kind: "lz4" }, store, key, logger: new RecordingLogger() });
console.log(JSON.stringify({ durationMs: result.durationMs, size: result.size, inputSize: result.inputSize, sha256: result.sha256, maxRssKiB: process.resourceUsage().maxRSS }));

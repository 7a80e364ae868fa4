// Demo step "foundation": pack a generated node data directory through the one-pass pipeline
// (tar | lz4 → sha256 → file:// bucket), publish its metadata JSON, verify it with the CLI, and
// restore it again with downloadAndVerify.
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { ConsoleLogger } from "@chainops/shared";
import { formatBytes } from "@chainops/shared/config";
import { runCommand } from "@chainops/shared/exec";
import { openStore } from "@chainops/shared/storage";
import { compressAndUpload, downloadAndVerify, putObjectMetadata } from "@chainops/shared/stream";
import { generateBenchInput } from "../../bench/generate-input";
import type { DemoContext } from "./context";

const DEMO_INPUT_BYTES = 6 << 20;

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

export const foundationStep = { name: "foundation", run: runFoundationDemo };

async function runFoundationDemo(context: DemoContext): Promise<void> {
  const logger = new ConsoleLogger();
  context.step("foundation: pack a data directory through tar | lz4 → sha256 → bucket");
  const datadir = await generateBenchInput(join(context.dir, "inputs"), DEMO_INPUT_BYTES, (line) => logger.info(line));
  const store = await openStore(context.bucketUrl);
  const key = "foundation/datadir.tar.lz4";
  const uploaded = await compressAndUpload({
    source: { kind: "directory", path: datadir },
    compression: { kind: "lz4" },
    store,
    key,
    contentType: "application/x-lz4",
    logger,
    label: "datadir.tar.lz4",
  });
  // Publish order: data (verified by head() inside compressAndUpload) → metadata beside it.
  const metadata = await putObjectMetadata(store, uploaded, { createdAt: new Date(), format: "tar", compression: "lz4" });
  logger.info(`metadata: ${store.publicUrl(`${key}.json`)}`);

  context.step("foundation: verify the object against its metadata with the CLI");
  const objectUrl = `${context.bucketUrl}/${key}`;
  await runCommand(process.execPath, [context.cli, "store", "verify", objectUrl], { logger, stdoutTo: "info", cwd: context.root });

  context.step("foundation: restore it (one pass: hash while decompressing and extracting)");
  const restored = join(context.dir, "restored", "datadir");
  await downloadAndVerify({
    source: await store.get(key),
    expectedSha256: metadata.sha256,
    expectedSize: metadata.filesize_bytes,
    decompression: "lz4",
    destination: { kind: "directory", path: restored },
    logger,
    label: "datadir.tar.lz4",
  });
  logger.info(`restored ${await countFiles(restored)} files (the original has ${await countFiles(datadir)}) into ${relative(context.root, restored)}`);

  const cli = `node ${relative(context.root, context.cli)}`;
  console.log(
    [
      "",
      `Packed ${formatBytes(uploaded.inputSize)} of tar into ${formatBytes(uploaded.size)} of lz4 (sha256 ${uploaded.sha256.slice(0, 16)}…). Look next at:`,
      `  the object and its metadata:  ${relative(context.root, join(context.dir, "bucket", "foundation"))}/`,
      `  list the bucket:              ${cli} store ls ${context.bucketUrl}/foundation/`,
      `  read the metadata:            ${cli} store cat ${objectUrl}.json`,
      `  verify it again:              ${cli} store verify ${objectUrl}`,
      `  the restored copy:            ${relative(context.root, restored)}/`,
    ].join("\n"),
  );
}

import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CarWriter } from "@ipld/car/writer";
import * as dagCbor from "@ipld/dag-cbor";
import { CID } from "multiformats/cid";
import { create as createDigest } from "multiformats/hashes/digest";
import type { SimTipSet } from "./sim-chain";

export interface WrittenCar {
  path: string;
  /** sha256 (hex) of the exact bytes written. */
  sha256: string;
  size: number;
  roots: string[];
  blocks: number;
}

const FILLER_PAYLOAD = 60 * 1024;

/**
 * Writes a CAR v1 the way ChainExportRangeInternal does: roots = the head tipset's block CIDs, then
 * the block headers of [tail, head], then DAG-CBOR "message/receipt/state" blocks until the file
 * reaches targetSize. Filler is half random, half repeated, so zstd has something to do.
 */
export async function writeSnapshotCar(options: {
  path: string;
  head: SimTipSet;
  tipsets: Iterable<SimTipSet>;
  targetSize: number;
  /** Stop after about this many bytes (a failing export leaves a truncated file, as Lotus does). */
  stopAfterBytes?: number;
}): Promise<WrittenCar> {
  const roots = options.head.blocks.map((b) => b.cid);
  const { writer, out } = CarWriter.create(roots);
  const hash = createHash("sha256");
  let size = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of out) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const written = pipeline(Readable.from(counted()), createWriteStream(options.path));
  const limit = Math.min(options.targetSize, options.stopAfterBytes ?? Infinity);
  let blocks = 0;
  const put = async (block: { cid: CID; bytes: Uint8Array }) => {
    await writer.put(block);
    blocks++;
  };
  let pending = 0;
  for (const tipset of options.tipsets) {
    for (const block of tipset.blocks) {
      await put(block);
      pending += block.bytes.length + 40;
    }
  }
  for (let n = 0; pending < limit; n++) {
    const half = randomBytes(FILLER_PAYLOAD / 2);
    const bytes = dagCbor.encode({ kind: "filler", n, data: Buffer.concat([half, half]) });
    const cid = CID.createV1(dagCbor.code, createDigest(0x12, createHash("sha256").update(bytes).digest()));
    await put({ cid, bytes });
    pending += bytes.length + 40;
  }
  await writer.close();
  await written;
  return { path: options.path, sha256: hash.digest("hex"), size, roots: roots.map(String), blocks };
}

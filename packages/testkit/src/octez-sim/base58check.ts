import { createHash } from "node:crypto";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** Tezos Base58Check prefixes (bytes prepended before encoding) for the hashes the simulator makes. */
export const PREFIX = {
  blockHash: [1, 52], // "B…", 51 chars
  chainId: [87, 82, 0], // "Net…", 15 chars
  protocolHash: [2, 170], // "P…", 51 chars
  operationListListHash: [29, 159, 109], // "LLo…", 53 chars
  contextHash: [79, 199], // "Co…", 52 chars
  signature: [4, 130, 43], // "sig…", 96 chars
} as const;

function sha256(data: Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}

/** Base58Check of prefix ‖ payload, with the 4-byte double-sha256 checksum, as Tezos encodes hashes. */
export function base58check(prefix: readonly number[], payload: Buffer): string {
  const body = Buffer.concat([Buffer.from(prefix), payload]);
  const bytes = Buffer.concat([body, sha256(sha256(body)).subarray(0, 4)]);
  let n = BigInt(`0x${bytes.toString("hex")}`);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** A deterministic 32-byte (or `length`) payload from a seed string. */
export function digest(seed: string, length = 32): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0, i = 0; offset < length; i++) {
    offset += createHash("sha256").update(`${seed}#${i}`).digest().copy(out, offset);
  }
  return out;
}

/** The payload of a Base58Check string (checksum checked), without its `prefixLength` prefix bytes. */
export function base58decode(text: string, prefixLength: number): Buffer {
  let n = 0n;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`not Base58: ${text}`);
    n = n * 58n + BigInt(value);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const leadingZeros = text.length - text.replace(/^1+/, "").length;
  const bytes = Buffer.concat([Buffer.alloc(leadingZeros), Buffer.from(hex, "hex")]);
  const body = bytes.subarray(0, -4);
  if (!sha256(sha256(body)).subarray(0, 4).equals(bytes.subarray(-4))) throw new Error(`bad Base58Check checksum: ${text}`);
  return body.subarray(prefixLength);
}

import { base58btc } from "multiformats/bases/base58";
import { ConfigError } from "../../core/errors";
import { ed25519KeyPair, type Ed25519KeyPair } from "./ed25519-keys";

/**
 * A node's libp2p identity as go-spacemesh keeps it in <data-dir>/p2p/p2p.key: JSON
 * {"Key": base64 of the protobuf-marshalled private key, "ID": the peer ID}, mode 0600.
 */
export interface P2pIdentity {
  /** The file's content, byte for byte as go-spacemesh writes it (json.Marshal of identityInfo). */
  keyFile: string;
  /** 12D3KooW…: the identity multihash of the protobuf public key, base58btc. */
  peerId: string;
}

// libp2p crypto.pb: KeyType Ed25519 = 1. Field 1 (Type) varint, field 2 (Data) bytes.
const PB_ED25519_PUBLIC = Buffer.from([0x08, 0x01, 0x12, 0x20]);
const PB_ED25519_PRIVATE = Buffer.from([0x08, 0x01, 0x12, 0x40]);
// multihash identity (0x00), length 36 (the 4-byte header + 32-byte key).
const IDENTITY_MULTIHASH = Buffer.from([0x00, 0x24]);

/** The peer ID of an ed25519 public key: public keys of ≤42 bytes are inlined (identity multihash). */
export function peerIdOf(publicKey: Buffer): string {
  if (publicKey.length !== 32) throw new Error(`an ed25519 public key is 32 bytes, got ${publicKey.length}`);
  // base58btc.encode adds the multibase prefix "z"; a peer ID is the bare base58.
  return base58btc.encode(Buffer.concat([IDENTITY_MULTIHASH, PB_ED25519_PUBLIC, publicKey])).slice(1);
}

/** The ed25519 public key inside a peer ID, or a ConfigError if it is not an inlined ed25519 peer ID. */
export function publicKeyOfPeerId(peerId: string, input = "peer ID"): Buffer {
  let bytes: Uint8Array;
  try {
    bytes = base58btc.decode(`z${peerId}`);
  } catch (cause) {
    throw new ConfigError(input, "is not base58", { value: peerId, example: "12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf", cause });
  }
  const header = Buffer.concat([IDENTITY_MULTIHASH, PB_ED25519_PUBLIC]);
  if (bytes.length !== 38 || !Buffer.from(bytes.subarray(0, 6)).equals(header)) {
    throw new ConfigError(input, "is not an ed25519 libp2p peer ID (12D3KooW…)", { value: peerId, example: "12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf" });
  }
  return Buffer.from(bytes.subarray(6));
}

/** The p2p.key file of a key pair. Go's json.Marshal encodes []byte as standard base64. */
export function p2pIdentity(pair: Ed25519KeyPair = ed25519KeyPair()): P2pIdentity {
  const peerId = peerIdOf(pair.publicKey);
  const key = Buffer.concat([PB_ED25519_PRIVATE, pair.privateKey]).toString("base64");
  return { keyFile: JSON.stringify({ Key: key, ID: peerId }), peerId };
}

/** Reads a p2p.key file; checks that its ID is the one its key derives (go-spacemesh trusts Key, testing tools ID). */
export function readP2pKey(text: string): { peerId: string; publicKey: Buffer } {
  let parsed: { Key?: unknown; ID?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (cause) {
    throw new ConfigError("p2p.key", "is not JSON", { cause });
  }
  const raw = typeof parsed.Key === "string" ? Buffer.from(parsed.Key, "base64") : Buffer.alloc(0);
  if (raw.length !== 68 || !raw.subarray(0, 4).equals(PB_ED25519_PRIVATE)) {
    throw new ConfigError("p2p.key", "has no ed25519 Key (base64 of the protobuf private key)");
  }
  const pair = ed25519KeyPair(raw.subarray(4, 36));
  if (!pair.publicKey.equals(raw.subarray(36))) throw new ConfigError("p2p.key", "Key's public half does not match its seed");
  const peerId = peerIdOf(pair.publicKey);
  if (parsed.ID !== peerId) throw new ConfigError("p2p.key", `ID ${String(parsed.ID)} is not the peer ID of its Key (${peerId})`);
  return { peerId, publicKey: pair.publicKey };
}

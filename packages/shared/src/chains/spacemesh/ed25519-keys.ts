import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";

/** An ed25519 key pair as go-spacemesh and PoET hold them. */
export interface Ed25519KeyPair {
  /** The 32-byte seed. */
  seed: Buffer;
  /** The 32-byte public key. */
  publicKey: Buffer;
  /** Go's crypto/ed25519 private key: seed ‖ public key (64 bytes). */
  privateKey: Buffer;
}

// PKCS#8 DER prefix of an ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
// SPKI DER prefix of an ed25519 public key; the 32-byte key follows.
const SPKI_ED25519_PREFIX_LENGTH = 12;

/** The key pair of a seed (32 bytes); a fresh random seed when none is given. */
export function ed25519KeyPair(seed: Buffer = randomBytes(32)): Ed25519KeyPair {
  if (seed.length !== 32) throw new Error(`an ed25519 seed is 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX_LENGTH);
  return { seed: Buffer.from(seed), publicKey: Buffer.from(publicKey), privateKey: Buffer.concat([seed, publicKey]) };
}

/**
 * A PoET server's identity: POET_PRIVATE_KEY is base64 of the 64-byte Go private key (what
 * poet's loadState decodes), and every node lists the base64 public key in main.poet-servers.
 */
export function poetKeys(pair: Ed25519KeyPair): { privateKeyBase64: string; publicKeyBase64: string } {
  return { privateKeyBase64: pair.privateKey.toString("base64"), publicKeyBase64: pair.publicKey.toString("base64") };
}

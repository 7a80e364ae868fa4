import { ed25519KeyPair, p2pIdentity, poetKeys, readP2pKey } from "@chainops/shared/chains/spacemesh";

/** Where keys come from: the cluster's Secrets when the network exists, otherwise new ones. */
export interface KeySource {
  /** Decoded data of a Secret already in the cluster. */
  existing(secret: string): Record<string, string> | undefined;
  /** A fresh 32-byte seed for a key that does not exist yet (random; tests pass a fixed one). */
  newSeed(secret: string): Buffer;
}

export const p2pSecretName = (node: string) => `${node}-p2p`;
export const poetSecretName = (poet: string) => `${poet}-key`;

/** A bootnode's libp2p identity: reused from its Secret so its peer ID never changes. */
export function bootnodeIdentity(keys: KeySource, node: string): { keyFile: string; peerId: string; reused: boolean } {
  const secret = p2pSecretName(node);
  const existing = keys.existing(secret)?.["p2p.key"];
  if (existing) return { keyFile: existing, peerId: readP2pKey(existing).peerId, reused: true };
  return { ...p2pIdentity(ed25519KeyPair(keys.newSeed(secret))), reused: false };
}

/** A PoET's service key pair, reused from its Secret so nodes keep trusting it. */
export function poetIdentity(keys: KeySource, poet: string): { privateKeyBase64: string; publicKeyBase64: string; reused: boolean } {
  const secret = poetSecretName(poet);
  const existing = keys.existing(secret)?.POET_PRIVATE_KEY;
  if (existing) {
    const raw = Buffer.from(existing, "base64");
    return { ...poetKeys(ed25519KeyPair(raw.subarray(0, 32))), reused: true };
  }
  return { ...poetKeys(ed25519KeyPair(keys.newSeed(secret))), reused: false };
}

export const freshKeys: KeySource = { existing: () => undefined, newSeed: () => ed25519KeyPair().seed };

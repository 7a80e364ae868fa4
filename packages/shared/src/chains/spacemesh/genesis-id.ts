import { blake3 } from "@noble/hashes/blake3.js";
import { ConfigError } from "../../core/errors";

/**
 * go-spacemesh's genesis ID (config.GenesisConfig.GenesisID): the first 20 bytes of
 * blake3(decimal Unix seconds of genesis-time ‖ genesis-extra-data), as lowercase hex.
 * Smapp and the discovery file key networks by it.
 */
export function genesisId(genesisTime: string | Date, extraData: string): string {
  const ms = typeof genesisTime === "string" ? Date.parse(genesisTime) : genesisTime.getTime();
  if (!Number.isFinite(ms)) throw new ConfigError("genesis-time", "is not an RFC3339 time", { value: String(genesisTime), example: "2026-01-01T12:00:00Z" });
  checkExtraData(extraData);
  const seconds = Math.floor(ms / 1000);
  const digest = blake3(Buffer.concat([Buffer.from(String(seconds)), Buffer.from(extraData)]));
  return Buffer.from(digest.subarray(0, 20)).toString("hex");
}

/** go-spacemesh refuses an empty genesis-extra-data and one over 255 characters. */
export function checkExtraData(extraData: string, input = "genesis-extra-data"): string {
  if (extraData.length < 1 || extraData.length > 255) {
    throw new ConfigError(input, "must be 1 to 255 characters (go-spacemesh refuses other lengths)", { value: extraData, example: "devnet-42" });
  }
  return extraData;
}

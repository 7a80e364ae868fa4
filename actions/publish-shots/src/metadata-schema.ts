/**
 * chainops' own JSON Schema (draft-07) for what publish-shots writes: one artifact's metadata
 * (`<artifact>.json`, entries of base.json) and the `tezos-snapshots.json` index. Written from
 * the field list of the publishing spec; it is uploaded beside the index and named by its `$schema`.
 */
export const METADATA_SCHEMA_FILENAME = "tezos-snapshot-metadata.schema.json";

const versionNumber = { type: "integer", minimum: 0 };

export const metadataSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "Tezos snapshot metadata (chainops)",
  description: "Artifacts of a Tezos node's storage (octez rolling snapshots and data-dir tarballs) and the index that lists them.",
  type: "object",
  required: ["date_generated", "org", "data"],
  properties: {
    $schema: { type: "string" },
    date_generated: { type: "string", format: "date-time", description: "When the index was written (UTC)." },
    org: { type: "string", minLength: 1, description: "Who publishes these artifacts." },
    data: { type: "array", items: { $ref: "#/definitions/artifact" } },
  },
  definitions: {
    artifact: {
      type: "object",
      required: [
        "block_hash", "block_height", "block_timestamp", "filename", "url", "sha256", "filesize_bytes", "filesize",
        "chain_name", "history_mode", "artifact_type", "tezos_version",
      ],
      properties: {
        block_hash: { type: "string", pattern: "^B[1-9A-HJ-NP-Za-km-z]{50}$", description: "Hash of the block the artifact holds (Base58Check)." },
        block_height: { type: "integer", minimum: 0, description: "Level of that block." },
        block_timestamp: { type: "string", format: "date-time", description: "Timestamp of that block itself, UTC." },
        filename: { type: "string", pattern: "^[A-Za-z0-9._-]+$" },
        url: { type: "string", format: "uri", description: "Where to download the artifact." },
        sha256: { type: "string", pattern: "^[0-9a-f]{64}$", description: "sha256 of the bytes as downloaded (compressed, for tarballs)." },
        filesize_bytes: { type: "integer", minimum: 0 },
        filesize: { type: "string", pattern: "^[0-9]+(\\.[0-9])?[KMGTP]$", description: "Rounded-up size: K, M, G, T (1024-based)." },
        chain_name: { type: "string", minLength: 1, description: "Network name, e.g. mainnet or ghostnet." },
        history_mode: { enum: ["rolling", "full", "archive"] },
        artifact_type: { enum: ["tarball", "tezos-snapshot"] },
        tezos_version: {
          type: "object",
          required: ["implementation", "version", "commit_info"],
          properties: {
            implementation: { type: "string", minLength: 1 },
            version: {
              type: "object",
              required: ["major", "minor", "additional_info"],
              properties: {
                major: versionNumber,
                minor: versionNumber,
                additional_info: {
                  description: "\"release\", \"dev\", or an object such as {\"rc\": 1}.",
                  oneOf: [
                    { type: "string" },
                    { type: "object", minProperties: 1, maxProperties: 1, additionalProperties: versionNumber },
                  ],
                },
              },
            },
            commit_info: {
              type: "object",
              required: ["commit_hash", "commit_date"],
              properties: { commit_hash: { type: "string" }, commit_date: { type: "string" } },
            },
          },
        },
        snapshot_version: { type: "integer", minimum: 1, description: "Octez snapshot format version; .rolling snapshots only." },
      },
      // A tarball has no snapshot format version.
      if: { properties: { artifact_type: { const: "tarball" } } },
      then: { not: { required: ["snapshot_version"] } },
      else: { required: ["snapshot_version"] },
    },
  },
} as const;

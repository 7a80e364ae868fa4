// The flags of `chainops shots fetch|list`, each checked once: the first bad one is a ConfigError naming it.
import { isAbsolute } from "node:path";
import { z } from "zod";
import { field, parseInputs, zInt, zPattern } from "@chainops/shared/config";
import type { FetchConfig } from "../../../actions/publish-shots/src/fetch";

const indexUrl = zPattern(/^(https?|file):\/\/\S+$/, "an http(s):// or file:// URL", "https://snapshots.example.org/tezos-snapshots.json");
const network = zPattern(/^[a-z][a-z0-9-]{1,40}$/, "a network name", "mainnet");
const historyMode = field(z.enum(["rolling", "full", "archive"]), { example: "rolling" });
const artifactType = field(z.enum(["tarball", "tezos-snapshot"]), { example: "tarball" });

const fetchSchema = z.object({
  indexUrl,
  network,
  historyMode,
  artifactType,
  octezMajor: zInt({ min: 1, max: 999 }).optional(),
  dest: z.string().refine(isAbsolute, "must be an absolute path"),
});

const listSchema = z.object({ indexUrl, network: network.optional(), historyMode: historyMode.optional(), artifactType: artifactType.optional() });
export type ListConfig = z.output<typeof listSchema>;

export function parseFetchConfig(raw: Record<string, string>): FetchConfig {
  return parseInputs(fetchSchema, raw);
}

export function parseListConfig(raw: Record<string, string>): ListConfig {
  return parseInputs(listSchema, raw);
}

import { isAbsolute } from "node:path";
import { z } from "zod";
import { field, parseInputs, zInt, zPattern } from "@chainops/shared/config";
import type { FetchConfig } from "../../../actions/publish-shots/src/fetch";

/** The flags of `chainops shots fetch`, checked once: the first bad one is a ConfigError naming it. */
const fetchSchema = z.object({
  indexUrl: zPattern(/^(https?|file):\/\/\S+$/, "an http(s):// or file:// URL", "https://snapshots.example.org/tezos-snapshots.json"),
  network: zPattern(/^[a-z][a-z0-9-]{1,40}$/, "a network name", "mainnet"),
  historyMode: field(z.enum(["rolling", "full", "archive"]), { example: "rolling" }),
  artifactType: field(z.enum(["tarball", "tezos-snapshot"]), { example: "tarball" }),
  octezMajor: zInt({ min: 1, max: 999 }).optional(),
  dest: z.string().refine(isAbsolute, "must be an absolute path"),
});

export function parseFetchConfig(raw: Record<string, string>): FetchConfig {
  return parseInputs(fetchSchema, raw);
}

import { isAbsolute } from "node:path";
import { z } from "zod";
import { systemClock } from "@chainops/shared";
import { field, parseInputs, zInt, zPattern } from "@chainops/shared/config";
import { INPUT_NAMES, parseConfig } from "../../../../actions/publish-shots/src/config";
import { fetchSnapshot } from "../../../../actions/publish-shots/src/fetch";
import { buildReport } from "../../../../actions/publish-shots/src/report";
import { run } from "../../../../actions/publish-shots/src/run";
import type { CliContext, CommandGroup } from "../command";
import { flagValues } from "../flag-values";
import { hostDeps } from "../host-deps";
import { withProgressBar } from "../progress-bar";

const USAGE = `chainops shots — Tezos snapshots: publish them (the publish-shots action), or fetch one

Usage:
  chainops shots publish --network <name> --history-mode rolling|archive --data-dir <dir> --bucket <url> [options]
      export a rolling snapshot and/or tar the data dir, upload, index, point "latest" at it, build the site
  chainops shots fetch --index-url <url> --network <name> --history-mode <mode> --artifact-type tarball|tezos-snapshot
                       --dest <dir> [--octez-major <n>]
      pick the newest matching artifact from a tezos-snapshots.json, check disk space, download and verify
      (a tarball is extracted into --dest, a .rolling saved in it); a bad download leaves nothing behind

publish options (as the action's inputs):
  --artifacts <list>        rolling-snapshot,tarball (default for rolling) or tarball (archive)
  --octez-node <path>       default octez-node        --rpc-url <url>         default http://127.0.0.1:8732
  --public-url <url>        base of the url fields (default: the bucket's public URL)
  --min-interval <dur>      default 6h                --retention <policy>    e.g. 10, 30d or 10,30d (default: keep all)
  --site <bool>             default true              --site-prefix <folder>  where the index and site live (default: root)
  --org <name>              default chainops          --verify-import <bool>  import the .rolling into a scratch dir first
  --lease-ttl <dur>         default 12h               --finality-timeout <d>  archive: wait for 2 blocks on top (default 5m)
  --work-dir <dir>          where the .rolling is exported (default: temp dir)
  --custom-network <bool>   allow a network name publish-shots does not know
  --slack-channel <id>      with $SLACK_TOKEN: a message per publish
  --metrics-file <path>     Prometheus textfile, one per network and history mode
  --stale-after <dur>       newest-artifact age at which the shipped alert fires (default 2 × min-interval, ≥ 24h)

Store credentials come from the environment, as for \`chainops store\`.
Exit status: 0 done or nothing to do yet (not due, another publisher busy), 1 failure, 2 usage error.`;

const PUBLISH_FLAGS = Object.fromEntries(INPUT_NAMES.filter((n) => n !== "slack-token").map((name) => [name, { type: "string" as const }]));

const fetchSchema = z.object({
  indexUrl: zPattern(/^(https?|file):\/\/\S+$/, "an http(s):// or file:// URL", "https://snapshots.example.org/tezos-snapshots.json"),
  network: zPattern(/^[a-z][a-z0-9-]{1,40}$/, "a network name", "mainnet"),
  historyMode: field(z.enum(["rolling", "full", "archive"]), { example: "rolling" }),
  artifactType: field(z.enum(["tarball", "tezos-snapshot"]), { example: "tarball" }),
  octezMajor: zInt({ min: 1, max: 999 }).optional(),
  dest: z.string().refine(isAbsolute, "must be an absolute path"),
});

async function publish(args: string[], context: CliContext): Promise<number> {
  const values = flagValues(args, PUBLISH_FLAGS, "chainops shots publish --network mainnet --history-mode rolling --data-dir /var/tezos/node/data --bucket gs://my-bucket");
  const env = context.env;
  const config = parseConfig({ ...values, "slack-token": env.SLACK_TOKEN });
  const result = await withProgressBar(context, (onProgress) => run(config, { ...hostDeps(context), onProgress }));
  context.stdout.write(`\n${buildReport(result).toText()}`);
  return 0;
}

async function fetchCommand(args: string[], context: CliContext): Promise<number> {
  const values = flagValues(
    args,
    Object.fromEntries(["index-url", "network", "history-mode", "artifact-type", "octez-major", "dest"].map((n) => [n, { type: "string" as const }])),
    "chainops shots fetch --index-url https://snapshots.example.org/tezos-snapshots.json --network mainnet --history-mode rolling --artifact-type tarball --dest /var/tezos/node/data",
  );
  const config = parseInputs(fetchSchema, values);
  const result = await withProgressBar(context, (onProgress) => fetchSnapshot(config, { logger: context.logger, clock: systemClock, pathEnv: context.env.PATH, onProgress }));
  context.stdout.write(`Verified ${result.artifact.filename} (sha256 ${result.sha256}, ${result.size} bytes) → ${result.path}\nNext: ${result.next}\n`);
  return 0;
}

export const shotsCommand: CommandGroup = {
  name: "shots",
  summary: "Tezos snapshots: publish (rolling snapshot, tarball, indexes, site) and fetch",
  usage: USAGE,
  async run(args: string[], context: CliContext): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === "publish") return publish(rest, context);
    if (sub === "fetch") return fetchCommand(rest, context);
    context.logger.error(`chainops shots: expected publish or fetch${sub ? `, got "${sub}"` : ""}\n\n${USAGE}`);
    return 2;
  },
};

import { INPUT_NAMES, MODES, parseConfig } from "../../../../actions/export-snapshot/src/config";
import { run } from "../../../../actions/export-snapshot/src/run";
import type { CliContext, CommandGroup } from "../command";
import { flagValues } from "../flag-values";
import { hostDeps } from "../host-deps";
import { withProgressBar } from "../progress-bar";

const USAGE = `chainops filecoin — Filecoin archival snapshots (the export-snapshot action from a terminal)

Usage:
  chainops filecoin export    --bucket <url> [options]   export every ready 2880-epoch window (up to --max-exports)
  chainops filecoin status    --bucket <url> [options]   head, sync state, newest snapshot, next window and its ETA
  chainops filecoin wait-sync [options]                  wait until the node is in sync (or --sync-timeout)
  chainops filecoin restore   --bucket <url> --lotus-path <repo>
                                                         import the newest snapshot into a repo without a chain

Options (as the action's inputs):
  --lotus-path <dir>       node repo (default $LOTUS_PATH); its api and token files are used
  --lotus-api <addr>       URL, multiaddr or FULLNODE_API_INFO (default $FULLNODE_API_INFO)
  --lotus-token <token>    API token (default $LOTUS_TOKEN, else the repo's token file)
  --prefix <folder>        default historical-exports
  --network <name>         default: StateNetworkName
  --range <epochs>         default 2880        --finality <epochs>   default 900
  --margin <epochs>        default 15          --start-epoch <n>     first window on an empty bucket
  --max-exports <n>        default 1           --compression <c>     zstd:fast | zstd:<1-19>[,threads=<n>]
  --export-dir <dir>       where Lotus writes CARs (default: --lotus-path)
  --metrics-file <path>    Prometheus textfile to write
  --metrics-compat filcryo also write Filcryo's metric names (filcryo_height, …) to --metrics-file
  --slack-channel <id>     with $SLACK_TOKEN: one message per export and failure
  --sync-timeout <dur>     default 45m         --sync-tolerance <n>  default 5
  --export-timeout <dur>   default 4h          --lease-ttl <dur>     default 30m
  --workers <n>            default 50          --write-buffer <n>    default 5000000
  --lotus-bin <path>       default lotus       --daemon-service <u>  systemd unit to start after restore
  --allow-unverified-restore true
                           restore a snapshot without a manifest (the archive before chainops: no sha256 to verify)

Store credentials come from the environment, as for \`chainops store\`.
Exit status: 0 done or nothing to do yet (not ready, another run busy), 1 failure, 2 usage error.`;

/** Every input except mode (the subcommand) is a --flag of the same name. */
const FLAGS = Object.fromEntries(INPUT_NAMES.filter((n) => n !== "mode").map((name) => [name, { type: "string" as const }]));

export const filecoinCommand: CommandGroup = {
  name: "filecoin",
  summary: "Filecoin archival snapshots: export, status, wait-sync, restore",
  usage: USAGE,
  async run(args: string[], context: CliContext): Promise<number> {
    const [mode, ...rest] = args;
    if (!mode || !(MODES as readonly string[]).includes(mode)) {
      context.logger.error(`chainops filecoin: expected one of ${MODES.join(", ")}${mode ? `, got "${mode}"` : ""}\n\n${USAGE}`);
      return 2;
    }
    const values = flagValues(rest, FLAGS, "chainops filecoin export --bucket gs://my-bucket --lotus-path /var/lib/lotus");
    const env = context.env;
    const config = parseConfig({
      ...values,
      mode,
      "lotus-path": values["lotus-path"] ?? env.LOTUS_PATH,
      "lotus-api": values["lotus-api"] ?? env.FULLNODE_API_INFO,
      "lotus-token": values["lotus-token"] ?? env.LOTUS_TOKEN,
      "slack-token": env.SLACK_TOKEN,
    });
    const result = await withProgressBar(context, (onProgress) => run(config, { ...hostDeps(context), onProgress }));
    context.stdout.write(`\n${result.summary.toText()}`);
    return 0;
  },
};

import { ConfigError } from "../core/errors";
import { runCommand } from "../exec/run-command";

const PROGRESS_MARK = "chainops-progress=";
/** A checkpoint every 1024 records of 10 KiB: a progress figure per 10 MiB packed. */
const CHECKPOINT_RECORDS = 1024;

/** `tar -C <dir> -cf - [--exclude=…] .` plus checkpoints that report bytes written on stderr. */
export function packArgs(dir: string, exclude: readonly string[] = []): string[] {
  for (const pattern of exclude) {
    if (!pattern || /[\n\r\0]/.test(pattern)) {
      throw new ConfigError("exclude", "patterns must be non-empty single-line tar globs", { value: pattern, example: "*.log or cache/tmp" });
    }
  }
  return [
    "-C", dir,
    `--checkpoint=${CHECKPOINT_RECORDS}`, `--checkpoint-action=echo=${PROGRESS_MARK}%{w}T`, "--totals",
    "-cf", "-",
    ...exclude.map((pattern) => `--exclude=${pattern}`),
    ".",
  ];
}

/** `tar -x -C <dir> -f -`: extract stdin into dir. */
export function extractArgs(dir: string): string[] {
  return ["-x", "-C", dir, "-f", "-"];
}

/** Reads tar's checkpoint and --totals lines; anything else is a real message. */
export function parseTarStderr(line: string): { written?: number; total?: number } | undefined {
  const progress = line.indexOf(PROGRESS_MARK);
  if (progress >= 0) {
    // An old tar that lacks %{w}T echoes it literally: still our line, just without a figure.
    const written = Number.parseInt(line.slice(progress + PROGRESS_MARK.length), 10);
    return Number.isFinite(written) ? { written } : {};
  }
  const total = /^Total bytes written: (\d+)/.exec(line);
  if (total) return { total: Number(total[1]) };
  return undefined;
}

const checkedTars = new Map<string, Promise<void>>();

/** The pack/extract arguments are GNU tar's; BSD tar (macOS) would fail half-way, so refuse it up front. */
export function ensureGnuTar(path: string): Promise<void> {
  let check = checkedTars.get(path);
  if (!check) {
    check = runCommand(path, ["--version"], { captureStdout: true, timeoutMs: 10_000 }).then(
      ({ stdout }) => {
        if (!/GNU tar/.test(stdout)) {
          throw new ConfigError("tar binary", "is not GNU tar", { value: path, hint: "Install GNU tar (apt-get install -y tar; on macOS brew install gnu-tar) and pass the path of gtar." });
        }
      },
      (cause: unknown) => {
        throw new ConfigError("tar binary", "could not be run (tar --version failed)", { value: path, cause, hint: "Install GNU tar (apt-get install -y tar)." });
      },
    );
    checkedTars.set(path, check);
    check.catch(() => checkedTars.delete(path));
  }
  return check;
}

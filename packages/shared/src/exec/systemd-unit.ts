import type { Logger } from "../core/logger";
import { runCommand } from "./run-command";

/** A systemd unit name as `systemctl` takes it (never an option: it cannot start with "-"). */
export const SYSTEMD_UNIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9:_.@\\-]{0,250}$/;

export interface SystemdUnitOptions {
  /** Absolute path of systemctl (resolve it with findExecutable first). */
  systemctl: string;
  unit: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** How long stop or start may take (default 10 min: a node flushes its store on stop). */
  timeoutMs?: number;
}

/**
 * `systemctl stop|start|is-active <unit>`, argument arrays only. --no-ask-password so a missing
 * permission fails at once instead of waiting for a password prompt nobody answers.
 */
export class SystemdUnit {
  constructor(private readonly options: SystemdUnitOptions) {}

  get name(): string {
    return this.options.unit;
  }

  /** "active", "inactive", "failed", "activating", … as `systemctl is-active` prints it. */
  async state(): Promise<string> {
    const { stdout } = await runCommand(this.options.systemctl, ["is-active", this.options.unit], {
      env: this.options.env,
      logger: this.options.logger,
      captureStdout: true,
      okExitCodes: [0, 1, 2, 3, 4],
      timeoutMs: 60_000,
    });
    return stdout.trim().split("\n")[0] || "unknown";
  }

  async stop(signal?: AbortSignal): Promise<void> {
    await this.systemctl("stop", signal);
  }

  /** Never takes the run's abort signal: a cancelled run must still start the node again. */
  async start(): Promise<void> {
    await this.systemctl("start");
  }

  private async systemctl(verb: "stop" | "start", signal?: AbortSignal): Promise<void> {
    await runCommand(this.options.systemctl, ["--no-ask-password", verb, this.options.unit], {
      env: this.options.env,
      logger: this.options.logger,
      signal,
      timeoutMs: this.options.timeoutMs ?? 10 * 60_000,
      hint: `The runner's user needs permission to ${verb} ${this.options.unit} (run as root, or a polkit rule granting org.freedesktop.systemd1.manage-units for this unit). See systemctl status ${this.options.unit}.`,
    });
  }
}

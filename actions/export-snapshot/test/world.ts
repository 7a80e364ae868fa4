import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { createSlack } from "@chainops/shared/notify";
import { FileStore } from "@chainops/shared/storage";
import { slackApi, startCaptureServer, startLotusSim, type CaptureServer, type LotusSim, type LotusSimOptions } from "@chainops/testkit";
import { parseConfig } from "../src/config";
import type { RunDeps } from "../src/deps";
import { run, type RunResult } from "../src/run";

/** A Lotus simulator, a file:// bucket, a Slack capture server and a metrics path, in one temp dir. */
export interface World {
  dir: string;
  clock: ManualClock;
  sim: LotusSim;
  store: FileStore;
  bucketUrl: string;
  slack: CaptureServer;
  metricsFile: string;
  logger: RecordingLogger;
  run(inputs?: Record<string, string>, runId?: string, deps?: Partial<RunDeps>): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startWorld(sim: Partial<LotusSimOptions> = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "export-snapshot-"));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const lotus = await startLotusSim({ clock, repoDir: join(dir, "lotus"), exportSize: 512 * 1024, ...sim });
  const slack = await startCaptureServer({ routes: slackApi() });
  const store = new FileStore(join(dir, "bucket"));
  const world: World = {
    dir,
    clock,
    sim: lotus,
    store,
    bucketUrl: pathToFileURL(join(dir, "bucket")).href,
    slack,
    metricsFile: join(dir, "metrics", "filecoin.prom"),
    logger: new RecordingLogger(),
    run: (inputs = {}, runId = "test-run", deps = {}) => {
      const config = parseConfig({ bucket: world.bucketUrl, "lotus-path": lotus.repoDir, "metrics-file": world.metricsFile, "start-epoch": "0", "max-exports": "5", ...inputs });
      return run(config, {
        logger: world.logger,
        clock,
        store,
        runId,
        runUrl: "https://github.com/o/r/actions/runs/1",
        pathEnv: process.env.PATH,
        env: { PATH: process.env.PATH },
        slack: createSlack({ token: "xoxb-test", channel: "#snapshots", apiUrl: `${slack.url}/api/`, logger: world.logger, retryConfig: { retries: 0 } }),
        pollIntervalMs: 30_000,
        ...deps,
      });
    },
    close: async () => {
      await lotus.close();
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

import { describeError, NotReadyError, type Clock, type Logger } from "@chainops/shared";
import { MetricsTextfile, readPrevious } from "@chainops/shared/metrics";
import { readJson, type ObjectStore } from "@chainops/shared/storage";
import { artifactTypeOf, type ArtifactKind } from "./artifact-names";
import type { PublishConfig } from "./config";
import { indexKeys, readBase } from "./indexes";
import { pointerKey, POINTER_NAMES, type LatestPointer } from "./latest-pointers";
import type { PublishResult } from "./run";

/** What run() tells the metrics while it works: the bucket, once it is open. */
export interface PublishSeen {
  store?: ObjectStore;
}

/** The timed() phase of one artifact's export and upload; its duration is the kind's publish duration. */
export function publishPhase(filename: string): string {
  return `Publish ${filename}`;
}

/**
 * Runs a publish and then, with metrics-file, writes the textfile whatever the outcome:
 * published, nothing due (or busy, or the node not bootstrapped), or failed.
 */
export async function withPublishMetrics(config: PublishConfig, deps: { clock: Clock; logger: Logger }, publish: (seen: PublishSeen) => Promise<PublishResult>): Promise<PublishResult> {
  const seen: PublishSeen = {};
  const startedMs = deps.clock.now();
  let result: PublishResult | undefined;
  let failed = true;
  try {
    result = await publish(seen);
    failed = false;
    return result;
  } catch (error) {
    failed = !(error instanceof NotReadyError);
    throw error;
  } finally {
    if (config.metricsFile) {
      // Metrics never turn a good run into a failure; a broken metrics path is a warning.
      await writePublishMetrics(config.metricsFile, { config, store: seen.store, result, failed, startedMs, nowMs: deps.clock.now(), logger: deps.logger }).catch((error: unknown) =>
        deps.logger.warning(`Could not write the metrics file ${config.metricsFile}: ${describeError(error)}`),
      );
    }
  }
}

export interface PublishFacts {
  config: PublishConfig;
  /** Undefined when the run stopped before opening the bucket. */
  store?: ObjectStore;
  /** Undefined unless the run ended well (published, or nothing was due). */
  result?: PublishResult;
  failed: boolean;
  startedMs: number;
  nowMs: number;
  logger: Logger;
}

const P = "chainops_publish_shots";

/**
 * The textfile of one network and history mode (give each its own file): when it last ran and
 * published, the newest artifact of each kind in the bucket (block level, block time, size) and
 * what its latest pointer names, durations, failures, and the staleness threshold for the alert.
 */
export async function writePublishMetrics(path: string, facts: PublishFacts): Promise<void> {
  const { config, result } = facts;
  const previous = await readPrevious(path);
  const labels = { network: config.network, history_mode: config.historyMode };
  warnIfShared(path, previous.families.get(`${P}_last_run_timestamp_seconds`)?.samples.keys(), labels, facts.logger);
  const file = new MetricsTextfile({ action: "publish-shots", previous });
  const kindLabels = (kind: ArtifactKind) => ({ ...labels, kind });
  const nowSeconds = Math.floor(facts.nowMs / 1000);

  file.gauge(`${P}_last_run_timestamp_seconds`, "Unix time this file was written (every run writes it, whatever the outcome).").set(nowSeconds, labels);
  file.gauge(`${P}_last_run_duration_seconds`, "Duration of the last run, whatever its outcome.").set((facts.nowMs - facts.startedMs) / 1000, labels);
  file.gauge(`${P}_stale_after_seconds`, "Input stale-after: the age of a kind's newest artifact at which the TezosSnapshotStale alert fires.").set(config.staleAfter / 1000, labels);
  file.counter(`${P}_failures_total`, "Runs that failed (not counting the clean exits: nothing due, another publisher busy, node not bootstrapped).").inc(labels, facts.failed ? 1 : 0);

  const published = result?.published ?? [];
  const lastSuccess = file.gauge(`${P}_last_success_timestamp_seconds`, "Unix time of the last run that published an artifact.", { carry: true });
  if (published.length) lastSuccess.set(nowSeconds, labels);
  const lastSuccessSeconds = lastSuccess.get(labels);
  if (lastSuccessSeconds !== undefined) {
    file.gauge(`${P}_last_success_age_seconds`, "Seconds from the last run that published an artifact to when this file was written.").set(Math.max(0, nowSeconds - lastSuccessSeconds), labels);
  }

  const publishDuration = file.gauge(`${P}_last_publish_duration_seconds`, "Duration of the last publish of each kind (export or tar, compress, upload, verify).", { carry: true });
  const publishedTotal = file.counter(`${P}_artifacts_published_total`, "Artifacts published.");
  for (const kind of config.artifacts) {
    const mine = published.filter((a) => a.artifact_type === artifactTypeOf(kind));
    publishedTotal.inc(kindLabels(kind), mine.length);
    for (const artifact of mine) {
      const ms = result?.durations[publishPhase(artifact.filename)];
      if (ms !== undefined) publishDuration.set(ms / 1000, kindLabels(kind));
    }
  }

  if (facts.store) await writeBucketFacts(file, facts.store, config, facts.nowMs);
  await file.writeAtomic(path);
}

/** Two publishers writing one file would overwrite each other's series: say so. */
function warnIfShared(path: string, previousLabelSets: Iterable<string> | undefined, labels: { network: string; history_mode: string }, logger: Logger): void {
  const others = [...(previousLabelSets ?? [])].filter((set) => !(set.includes(`network="${labels.network}"`) && set.includes(`history_mode="${labels.history_mode}"`)));
  if (others.length) {
    logger.warning(`The metrics file ${path} also held another publisher's series (${others.join(", ")}); give each network and history mode its own file, e.g. tezos-snapshots-${labels.network}-${labels.history_mode}.prom`);
  }
}

/** The bucket's truth: newest artifact per kind from base.json, and the block its latest pointer names. */
async function writeBucketFacts(file: MetricsTextfile, store: ObjectStore, config: PublishConfig, nowMs: number): Promise<void> {
  const labels = { network: config.network, history_mode: config.historyMode };
  const level = file.gauge(`${P}_newest_artifact_level`, "Block level of the newest artifact of each kind in base.json.");
  const blockTime = file.gauge(`${P}_newest_artifact_block_timestamp_seconds`, "Unix time of the block of the newest artifact of each kind.");
  const age = file.gauge(`${P}_newest_artifact_age_seconds`, "Age of the newest artifact's block when this file was written.");
  const size = file.gauge(`${P}_newest_artifact_bytes`, "Size of the newest artifact of each kind, as stored (compressed).");
  const pointerLevel = file.gauge(`${P}_latest_pointer_level`, "Block level of the artifact each kind's latest pointer names.");
  // The bucket may be what failed: then the file still says when the run was and that it failed.
  const entries = await readBase(store, indexKeys(config.sitePrefix).base).catch(() => undefined);
  for (const kind of config.artifacts) {
    const type = artifactTypeOf(kind);
    const kindLabels = { ...labels, kind };
    const newest = (entries ?? [])
      .filter((e) => e.chain_name === config.network && e.history_mode === config.historyMode && e.artifact_type === type)
      .sort((a, b) => b.block_height - a.block_height)[0];
    if (newest) {
      level.set(newest.block_height, kindLabels);
      size.set(newest.filesize_bytes, kindLabels);
      const ms = Date.parse(newest.block_timestamp);
      if (!Number.isNaN(ms)) {
        blockTime.set(Math.floor(ms / 1000), kindLabels);
        age.set(Math.max(0, Math.round((nowMs - ms) / 1000)), kindLabels);
      }
    }
    const name = POINTER_NAMES[config.historyMode][type]?.artifact;
    const pointer = name ? await readJson<Partial<LatestPointer>>(store, pointerKey(config.network, name)).catch(() => null) : null;
    if (typeof pointer?.value.block_height === "number") pointerLevel.set(pointer.value.block_height, kindLabels);
  }
}

import { LotusClient, resolveLotusEndpoint } from "@chainops/shared/chains/lotus";
import type { ExportSnapshotConfig } from "./config";
import type { RunDeps } from "./deps";

export async function connectLotus(config: ExportSnapshotConfig, deps: RunDeps): Promise<LotusClient> {
  const endpoint = await resolveLotusEndpoint({ api: config.lotusApi, token: config.lotusToken, path: config.lotusPath });
  return new LotusClient({ ...endpoint, logger: deps.logger, clock: deps.clock, tokenInput: config.lotusToken ? "lotus-token" : config.lotusPath ? "lotus-token (or the token file in lotus-path)" : "lotus-token" });
}

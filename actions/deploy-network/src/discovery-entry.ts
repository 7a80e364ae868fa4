import type { PlanningConfig } from "./config";

/**
 * One network in the discovery file (networks.json): the fields smapp requires (netName, conf,
 * dash, explorer, minSmappRelease, latestSmappRelease, smappBaseDownloadUrl), the API endpoints
 * other clients read, and genesisID, which keys the entry.
 */
export interface DiscoveryEntry {
  netName: string;
  conf: string;
  grpcAPI: string;
  jsonAPI: string;
  explorerAPI: string;
  dashAPI: string;
  explorer: string;
  dash: string;
  minSmappRelease: string;
  latestSmappRelease: string;
  smappBaseDownloadUrl: string;
  minNodeVersion: string;
  maxNodeVersion: string;
  genesisID: string;
}

export function discoveryEntry(config: PlanningConfig, genesisId: string, confUrl: string): DiscoveryEntry {
  const host = (prefix: string) => (config.domain ? `https://${prefix}-${config.network}.${config.domain}` : "");
  const version = config.image.split(":")[1]?.split("@")[0]?.replace(/^v/, "") ?? "";
  return {
    netName: config.network,
    conf: confUrl,
    grpcAPI: host("api"),
    jsonAPI: host("api-json"),
    explorerAPI: host("explorer-api"),
    dashAPI: host("dash-api"),
    explorer: config.explorerUrl ?? host("explorer"),
    dash: config.dashUrl ?? host("dash"),
    minSmappRelease: config.minSmappRelease,
    latestSmappRelease: config.latestSmappRelease,
    smappBaseDownloadUrl: config.smappBaseDownloadUrl,
    minNodeVersion: version,
    maxNodeVersion: version,
    genesisID: genesisId,
  };
}

// The real helm binary comes from the testkit (deploy-network's tests use it too).
export { extractHelm, layerZipPath } from "@chainops/testkit";

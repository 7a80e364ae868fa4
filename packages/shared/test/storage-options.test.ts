import { describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { mergeStoreOptions, storeOptionsFromEnv } from "@chainops/shared/storage";

describe("storeOptionsFromEnv", () => {
  it("is empty for a plain environment (the SDKs' own defaults apply)", () => {
    expect(storeOptionsFromEnv({ PATH: "/usr/bin" })).toEqual({});
  });

  it("takes an S3-compatible endpoint with path-style addressing by default", () => {
    expect(storeOptionsFromEnv({ AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000" })).toEqual({ s3: { endpoint: "http://127.0.0.1:9000", forcePathStyle: true } });
    expect(storeOptionsFromEnv({ CHAINOPS_S3_ENDPOINT: "https://r2.example.com", CHAINOPS_S3_FORCE_PATH_STYLE: "false" })).toEqual({
      s3: { endpoint: "https://r2.example.com", forcePathStyle: false },
    });
  });

  it("treats STORAGE_EMULATOR_HOST as an emulator without auth", () => {
    expect(storeOptionsFromEnv({ STORAGE_EMULATOR_HOST: "http://localhost:4443" })).toEqual({ gcs: { apiEndpoint: "http://localhost:4443", anonymous: true } });
  });

  it("names the variable when a value is malformed", () => {
    expect(() => storeOptionsFromEnv({ STORAGE_EMULATOR_HOST: "localhost:4443" })).toThrow(ConfigError);
    expect(() => storeOptionsFromEnv({ STORAGE_EMULATOR_HOST: "localhost:4443" })).toThrow(/STORAGE_EMULATOR_HOST/);
    expect(() => storeOptionsFromEnv({ CHAINOPS_S3_FORCE_PATH_STYLE: "maybe" })).toThrow(/CHAINOPS_S3_FORCE_PATH_STYLE/);
  });
});

describe("mergeStoreOptions", () => {
  it("lets explicit settings win per field and keeps the rest", () => {
    const fromEnv = storeOptionsFromEnv({ AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000", STORAGE_EMULATOR_HOST: "http://localhost:4443" });
    const merged = mergeStoreOptions(fromEnv, { s3: { region: "eu-west-1", publicBaseUrl: "https://snapshots.example.org" } });
    expect(merged).toEqual({
      s3: { endpoint: "http://127.0.0.1:9000", forcePathStyle: true, region: "eu-west-1", publicBaseUrl: "https://snapshots.example.org" },
      gcs: { apiEndpoint: "http://localhost:4443", anonymous: true },
    });
    expect(mergeStoreOptions({}, {})).toEqual({});
  });
});

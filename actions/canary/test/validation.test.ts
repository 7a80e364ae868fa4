import { describe, expect, it } from "vitest";
import { ConfigError, RecordingLogger } from "@chainops/shared";
import { loadCanaryConfig } from "../src/config";
import { isSafeRef } from "../src/git-ref";
import { deployArgs } from "../src/helm";
import { checkImageTagTemplate, renderImageTag } from "../src/image-tag";
import { createReleaseMatcher } from "../src/release-names";

const target = { helm: "helm", kubectl: "kubectl", namespace: "lotus", timeoutMs: 600_000, logger: new RecordingLogger() };
const base = { release: "lotus-0", chart: "./chart", valuesFiles: [], mode: "upgrade" as const };

describe("release names", () => {
  it("accepts listed names and pattern matches, only when they are helm names", () => {
    const m = createReleaseMatcher({ releases: ["lotus-0"], pattern: "canary-[0-9]+" });
    expect(["lotus-0", "canary-12"].map(m.matches)).toEqual([true, true]);
    expect(["lotus-1", "canary-x", "canary-1/../x", "Canary-1", "canary-1\n"].map(m.matches)).toEqual([false, false, false, false, false]);
    expect(() => createReleaseMatcher({ releases: ["Bad_Name"] })).toThrow(ConfigError);
    expect(() => createReleaseMatcher({ pattern: "(" })).toThrow(/release-pattern/);
    expect(() => createReleaseMatcher({})).toThrow(/releases/);
  });
});

describe("refs and image tags", () => {
  it.each(["main", "release/v1.28", "v1.28.0-rc1", "feat/splitstore_2"])("%s is a safe ref", (ref) => expect(isSafeRef(ref)).toBe(true));
  it.each(["-main", ".x", "a..b", "a//b", "a/", "a.lock", "a/.b", "a.", "x".repeat(101), "pull/7/head", "refs/pull/7/merge"])("%s is not", (ref) => expect(isSafeRef(ref)).toBe(false));

  it("renders the template and refuses bad ones", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(renderImageTag("{sha}", { sha })).toBe(sha);
    expect(renderImageTag("pr{pr}-{short_sha}", { sha, pr: 7 })).toBe("pr7-0123456");
    expect(() => checkImageTagTemplate("{branch}")).toThrow(/unknown placeholder/);
    expect(() => checkImageTagTemplate("-{sha}")).toThrow(ConfigError);
  });
});

describe("helm arguments", () => {
  it("builds an argument array with --set-string for strings and --set for literals", () => {
    expect(deployArgs(target, { ...base, chartVersion: "0.6.1", valuesFiles: ["canary.yaml"], values: [{ key: "image.tag", value: "v1", kind: "string" }, { key: "importSnapshot.enabled", value: true, kind: "literal" }] })).toEqual([
      "upgrade", "--install", "--namespace", "lotus", "--wait", "--timeout", "600s", "--atomic", "--output", "json",
      "--version", "0.6.1", "--values", "canary.yaml", "--set-string", "image.tag=v1", "--set", "importSnapshot.enabled=true", "lotus-0", "./chart",
    ]);
  });

  it.each([
    [{ key: "image.tag", value: "a,b=c", kind: "string" as const }],
    [{ key: "image.tag", value: "{x}", kind: "string" as const }],
    [{ key: "image.tag", value: "a\\b", kind: "string" as const }],
    [{ key: "image.tag=x", value: "a", kind: "string" as const }],
    [{ key: "a[0]", value: "a", kind: "string" as const }],
    [{ key: "--post-renderer", value: "a", kind: "string" as const }],
  ])("refuses %j", (value) => {
    expect(() => deployArgs(target, { ...base, values: [value] })).toThrow(ConfigError);
  });

  it("refuses charts and values files that look like flags", () => {
    expect(() => deployArgs(target, { ...base, chart: "--post-renderer=/x", values: [] })).toThrow(ConfigError);
    expect(() => deployArgs(target, { ...base, valuesFiles: ["-f"], values: [] })).toThrow(ConfigError);
  });
});

describe("config", () => {
  const raw = { store: "file:///tmp/x", chart: "./c", releases: "lotus-0" };
  it("names the bad input", () => {
    expect(() => loadCanaryConfig({ ...raw, "lease-ttl": "forever" })).toThrow(/lease-ttl/);
    expect(() => loadCanaryConfig({ ...raw, "required-permission": "god" })).toThrow(/required-permission/);
    expect(() => loadCanaryConfig({ ...raw, release: "lotus-9" })).toThrow(/Invalid release/);
    expect(() => loadCanaryConfig({ ...raw, "image-tag-key": "image.tag,x=y" })).toThrow(/image-tag-key/);
    expect(() => loadCanaryConfig({ ...raw, "snapshot-url": "https://x/$(id)" })).toThrow(/snapshot-url/);
    expect(() => loadCanaryConfig({ releases: "lotus-0", chart: "./c" })).toThrow(/store/);
    // Dispatch-form text is as untrusted as a comment: the same ref and owner rules.
    for (const ref of ["$(id)", "main;id", "../x", "-rf", "main@{1}", "a b"]) expect(() => loadCanaryConfig({ ...raw, ref }), ref).toThrow(/ref/);
    for (const owner of ["`id`", "a b", "<b>x</b>", "-x", "x".repeat(70)]) expect(() => loadCanaryConfig({ ...raw, owner }), owner).toThrow(/owner/);
    expect(() => loadCanaryConfig({ ...raw, "resolved-ref": "main" })).toThrow(/resolved-ref/);
    expect(loadCanaryConfig({ ...raw, ref: "release/v1.28", owner: "first.last" })).toMatchObject({ ref: "release/v1.28", owner: "first.last" });
  });
  it("has defaults that fit the lotus-fullnode chart", () => {
    const config = loadCanaryConfig(raw);
    expect(config.settings).toMatchObject({ imageTagKey: "image.tag", snapshotEnabledKey: "importSnapshot.enabled", snapshotUrlKey: "importSnapshot.url", dataLabel: "release", leaseTtlMs: 86_400_000 });
    expect(config).toMatchObject({ namespace: "lotus", requiredPermission: "write", forcePermission: "admin", allowForks: false, mode: "run" });
  });
});

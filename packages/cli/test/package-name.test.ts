// One package name wherever the docs and the download site print a command that installs or runs the CLI.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCommands } from "../../../actions/publish-shots/src/site";
import type { BaseEntry } from "../../../actions/publish-shots/src/indexes";
import { repoRoot } from "./spawn-cli";

const { name } = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8")) as { name: string };
const docs = ["README.md", "packages/cli/README.md", ...readdirSync(join(repoRoot, "actions")).map((a) => `actions/${a}/README.md`)];
const GROUPS = "store|filecoin|shots|canary|network|archive|runner|--help|--version";

describe("the CLI's package name", () => {
  it.each(docs)("%s installs and runs the CLI by its package name", (doc) => {
    const text = readFileSync(join(repoRoot, doc), "utf8");
    const installs = [...text.matchAll(/npm (?:install|i) (?:-g|--global) (\S+)/g)].map((m) => m[1]!.replace(/[^\w@/.-].*$/, ""));
    const runs = [...text.matchAll(new RegExp(`npx (\\S+) (?:${GROUPS})`, "g"))].map((m) => m[1]!);
    expect([...installs, ...runs].filter((used) => used !== name)).toEqual([]);
  });

  it("the download site prints npx <package> for tarballs, and the plain-tools path for both kinds", () => {
    const entry = (artifactType: string) =>
      ({ filename: "f.lz4", url: "https://s.example.org/f.lz4", sha256: "a".repeat(64), chain_name: "ghostnet", history_mode: "rolling", artifact_type: artifactType, block_hash: "BLx" }) as unknown as BaseEntry;
    const tarball = importCommands(entry("tarball"), "https://s.example.org/tezos-snapshots.json").join("\n");
    expect(tarball).toMatch(new RegExp(`^npx ${name} shots fetch --index-url `, "m"));
    expect(tarball).toContain(`npm install -g ${name}`);
    expect(tarball).toMatch(/curl -fL -o .* sha256sum -c - .* lz4 -dc .* \| tar -x -C/);
    const rolling = importCommands(entry("tezos-snapshot"), "https://s.example.org/tezos-snapshots.json");
    expect(rolling.map((line) => /^(curl -fL|echo .* \| sha256sum -c -$|octez-node config init|octez-node snapshot import)/.exec(line)?.[1]?.split(" ")[0])).toEqual(["curl", "echo", "octez-node", "octez-node"]);
    expect(rolling[2]).toMatch(/^octez-node config init/);
    expect(rolling[2]).toContain("--network ghostnet");
  });
});

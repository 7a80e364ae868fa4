import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Shared by every demo step: where the local world lives. */
export interface DemoContext {
  /** Checkout root. */
  root: string;
  /** ./.demo — wiped at the start of each demo run. */
  dir: string;
  /** file:// URL of the demo bucket (./.demo/bucket). */
  bucketUrl: string;
  /** Absolute path of the built CLI entry (node <cli> …). */
  cli: string;
  /** Prints a headline for a demo step. */
  step(title: string): void;
}

/** `dir` defaults to ./.demo; tests that replay demo steps give their own temp dir. */
export async function createDemoContext(root: string, dir = join(root, ".demo")): Promise<DemoContext> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "bucket"), { recursive: true });
  return {
    root,
    dir,
    bucketUrl: pathToFileURL(join(dir, "bucket")).href,
    cli: join(root, "packages", "cli", "bin", "chainops.js"),
    step: (title) => console.log(`\n━━ ${title} ━━`),
  };
}

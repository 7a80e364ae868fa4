#!/usr/bin/env node
// The bundle is built by `npm run build` (or `npm run demo`); point at it with a clear message if missing.
import { existsSync } from "node:fs";
const bundle = new URL("../dist/chainops.js", import.meta.url);
if (!existsSync(bundle)) {
  console.error("chainops: the CLI is not built yet. Run `npm run build` in the chainops checkout first.");
  process.exit(2);
}
await import(bundle.href);

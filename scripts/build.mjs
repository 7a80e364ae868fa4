#!/usr/bin/env node
// Bundles every action (actions/*/src/main.ts → actions/*/dist/index.js) and the CLI
// (packages/cli/src/main.ts → packages/cli/dist/chainops.js) with esbuild.
//   --check     rebuild actions into a temp dir and fail if the committed dist/ differs
//   --cli-only  build only the CLI (what demo and bench need)
// An action's dist is index.js plus dist/chunks/: code that only some runs need (each cloud
// storage SDK, behind a dynamic import) is split off, so a run never parses what it does not load.
import { build } from "esbuild";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const check = args.has("--check");

// ESM bundles that still contain CommonJS dependencies need a require().
const banner = {
  js: "import { createRequire as __chainopsCreateRequire } from 'node:module';\nconst require = __chainopsCreateRequire(import.meta.url);",
};
// @actions/core imports @actions/http-client (and with it undici, ~0.8 MB) only for getIDToken,
// which no action calls; marked side-effect free, it is bundled only where something uses it.
const sideEffectFree = {
  name: "side-effect-free",
  setup(build) {
    build.onResolve({ filter: /^@actions\/http-client$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      return resolved.errors.length ? resolved : { path: resolved.path, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  // node-fetch (under @google-cloud/storage's resumable uploads) checks constructor.name === "AbortSignal"; renamed classes break it.
  keepNames: true,
  logLevel: "warning",
  banner,
  plugins: [sideEffectFree],
};

function actionNames() {
  const dir = join(root, "actions");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, "src", "main.ts"))).sort();
}

async function buildAction(name, outdir) {
  rmSync(outdir, { recursive: true, force: true }); // no stale chunks from an earlier build
  await build({ ...common, entryPoints: { index: join(root, "actions", name, "src", "main.ts") }, outdir, splitting: true, chunkNames: "chunks/[name]-[hash]" });
}

/** Every file under dir, relative, sorted. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

// The CLI is split: the entry holds the command tree (so --help and usage errors answer at once),
// and each operation's code (storage SDKs, pipelines, the actions' run()) is a chunk loaded when it runs.
async function buildCli() {
  const outdir = join(root, "packages", "cli", "dist");
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { chainops: join(root, "packages", "cli", "src", "main.ts") },
    outdir,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
  });
}

if (check) {
  const temp = mkdtempSync(join(tmpdir(), "chainops-dist-"));
  const stale = [];
  try {
    for (const name of actionNames()) {
      const out = join(temp, name);
      await buildAction(name, out);
      const dist = join(root, "actions", name, "dist");
      const committed = filesUnder(dist);
      for (const file of new Set([...filesUnder(out), ...committed])) {
        const fresh = join(out, file);
        if (!existsSync(fresh)) stale.push(`actions/${name}/dist/${file} (no longer built: remove it)`);
        else if (!committed.includes(file) || !readFileSync(join(dist, file)).equals(readFileSync(fresh))) stale.push(`actions/${name}/dist/${file}`);
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (stale.length) {
    console.error(`dist is stale: ${stale.join(", ")}\nRun \`npm run build\` and commit the result.`);
    process.exit(1);
  }
  console.log(`dist is up to date (${actionNames().length} actions)`);
} else {
  if (!args.has("--cli-only")) {
    for (const name of actionNames()) await buildAction(name, join(root, "actions", name, "dist"));
  }
  await buildCli();
  console.log(args.has("--cli-only") ? "built the CLI" : `built ${actionNames().length} actions and the CLI`);
}

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "actions/*/test/**/*.test.ts", "scripts/**/*.test.ts", "monitoring/**/*.test.ts"],
    globalSetup: ["scripts/test-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start servers and spawn CLIs; two cores, so keep the pool small.
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
  },
});

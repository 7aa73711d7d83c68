import { defineConfig } from "vitest/config";

// Browser tests: a real server (child process, fresh data dir) driven by Debian's chromium through
// playwright-core. One worker, one file at a time, long timeouts (the first start loads the demo).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});

import { defineConfig } from "vitest/config";

// Unit and integration tests. Integration tests use PGlite unless DATABASE_URL is set;
// each worker gets its own database (see test/db-setup.ts), so files run in parallel safely.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

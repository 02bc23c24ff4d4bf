import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Chromium and SQLite files are real; two CPUs here, so keep files from starving each other.
    maxWorkers: 2,
  },
});

import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql@16 ships CJS (main) and ESM (module) without an exports map: Node loads the CJS one
    // for graphql-yoga, and vite would otherwise hand our sources the ESM one. Two copies break
    // `instanceof GraphQLError`, so errors raised on purpose would be masked. Use Node's choice.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Seeds one database per run; createTestDb() copies it (see test/support/db.ts).
    globalSetup: ["test/support/seeded-template.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Chromium and SQLite files are real; two CPUs here, so keep files from starving each other.
    maxWorkers: 2,
  },
});

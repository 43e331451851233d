import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects: `npm run test:unit` (pure functions, fast) and `npm run test:integration`
// (a real SQLite file and a real Meilisearch server per test file). Playwright owns tests/e2e.
export default defineConfig({
  resolve: {
    // tsconfig paths: ~/* -> app/*
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    // Worker limits are global in Vitest 3 (the pool is shared by all projects). This is a
    // 2-core machine and every integration file runs its own Meilisearch server.
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Fixture builds and Chromium are heavy; these machines have 2 cores.
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});

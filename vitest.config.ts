import { defineConfig } from "vitest/config";

// Layers: test/unit (no Eleventy, no browser), test/build (fixture sites built in-process), test/browser (Chromium).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // Polls wait for the state itself; only the test's own timeout gives up (the machine may be loaded).
    expect: { poll: { timeout: 200_000, interval: 50 } },
    // Fixture builds and Chromium are heavy; these machines have 2 cores.
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});

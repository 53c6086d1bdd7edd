import { defineConfig } from "vitest/config";

// Layers: test/unit (no Eleventy, no browser), test/build (fixture sites built in-process), test/browser (Chromium).
export default defineConfig({
  test: {
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // Polls wait for the state itself; only the test's own timeout gives up (the machine may be loaded).
    expect: { poll: { timeout: 200_000, interval: 50 } },
    // Fixture builds and Chromium are heavy; these machines have 2 cores.
    maxWorkers: 2,
    env: { TZ: "UTC" },
    projects: [
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.ts"] } },
      { extends: true, test: { name: "build", include: ["test/build/**/*.test.ts"] } },
      {
        extends: true,
        // Unit files share no state (proven under shuffled orders): a worker loads the modules once, not per file.
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          isolate: false,
          pool: "threads",
        },
      },
    ],
  },
});

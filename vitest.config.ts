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
    globalSetup: ["./test/temp-root.ts"],
    // Sorted by name, so the browser layer's long files start first and the short unit files fill the end.
    projects: [
      {
        extends: true,
        // Unisolated, as the build layer: a worker loads Eleventy once and keeps one Chromium for its files.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          isolate: false,
          setupFiles: ["./test/helpers/browser-setup.ts"],
        },
      },
      {
        extends: true,
        // Builds already share a process within a file (queued in test/helpers/fixture.ts, as the dev server
        // rebuilds): sharing it across files loads Eleventy once per worker and builds with a warm JIT.
        test: { name: "build", include: ["test/build/**/*.test.ts"], isolate: false },
      },
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

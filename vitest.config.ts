import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for a state (search results, images) whose speed depends on the machine's load: 1 s by default.
    expect: { poll: { timeout: 90_000 } },
    // Fixture builds and Chromium are heavy; these machines have 2 cores.
    maxWorkers: 2,
    env: { TZ: "UTC" },
  },
});

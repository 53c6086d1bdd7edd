import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LAYERS = ["browser", "build", "unit"];
const layerOf = (file: TestSpecification) =>
  LAYERS.findIndex((layer) => file.moduleId.includes(`/test/${layer}/`));

/**
 * The browser layer's files first (the longest: 10-25 s each), then the build layer's, then the unit files
 * to fill the end; within a layer, vitest's order (longest first from its last run, else largest file first).
 */
class LayersInOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array sort is stable: within a layer, vitest's order stands.
    return (await super.sort(files)).sort((a, b) => layerOf(a) - layerOf(b));
  }
}

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
    include: ["test/{unit,build,browser}/**/*.test.ts"],
    sequence: { sequencer: LayersInOrder },
    // One pool for the three layers, unisolated: vitest runs projects one after another, so with a project
    // per layer a worker sat idle at each layer's end; here a worker loads Eleventy once for every file it
    // runs, keeps one Chromium for its browser files, and builds with a warm JIT. No test may count on a
    // fresh module. Unit files share no state (proven under shuffled orders).
    isolate: false,
    // Closes the contexts each file opened in the worker's Chromium (a no-op where no browser was started).
    setupFiles: ["./test/helpers/browser-setup.ts"],
  },
});

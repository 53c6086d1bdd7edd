import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHASES } from "../../scripts/lib/bench-phases.ts";
import {
  benchSize,
  fullBuildCommand,
  runFolders,
  verifyBuilds,
  type SizeResult,
} from "../../scripts/lib/bench-size.ts";
import { generateCorpus } from "../../scripts/lib/bench-corpus.ts";
import { repoRoot } from "../helpers/fixture.ts";

const COUNT = 30;
let result: SizeResult;

// One run of each build and one profiled build: minutes on a loaded machine, so no short timeout.
beforeAll(async () => {
  result = await benchSize(COUNT, { runs: 1, phases: true });
}, 900_000);
afterAll(() => {
  if (result) rmSync(result.dir, { recursive: true, force: true });
});

describe("the build benchmark", () => {
  it("times the command npm run build runs", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const { file, args } = fullBuildCommand();
    expect([path.basename(file), ...args].join(" ")).toBe(pkg.scripts.build);
  });

  it("builds one page per item (and the corpus's one edition) in the floor and more in the full build, each indexed by Pagefind", () => {
    expect(result.floorPages).toBe(COUNT + 1);
    expect(result.fullPages).toBeGreaterThan(COUNT);
    // benchSize checked every item's page in both outputs; checking again finds the same.
    expect(verifyBuilds(result.dir, generateCorpus({ count: COUNT }), runFolders(1))).toEqual({
      floorPages: result.floorPages,
      fullPages: result.fullPages,
    });
  });

  it("writes each run's builds into folders of their own, kept until the bench ends", () => {
    expect(result.fullFolder).toBe(runFolders(1).full);
    for (const folder of [runFolders(1).floor, runFolders(1).full, runFolders("profiled").full])
      expect(
        existsSync(path.join(result.dir, folder, "pagefind", "pagefind-entry.json")),
        folder,
      ).toBe(true);
    expect(existsSync(path.join(result.dir, "_floor"))).toBe(false);
  });

  it("refuses a build that is missing an item's page", () => {
    const files = generateCorpus({ count: COUNT + 1 });
    expect(() => verifyBuilds(result.dir, files, runFolders(1))).toThrow(
      /wrote no page for 1 items/,
    );
  });

  it("reports times, CPU, memory and a ratio from them", () => {
    for (const key of [
      "floorMs",
      "fullMs",
      "floorCpuMs",
      "fullCpuMs",
      "floorPeakMb",
      "fullPeakMb",
    ] as const)
      expect(result[key]).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.fullMs / result.floorMs, 2);
    expect(result.cpuRatio).toBeCloseTo(result.fullCpuMs! / result.floorCpuMs!, 2);
    expect(result.floorPagefindMs).toBeLessThan(result.floorMs);
  });

  it("splits the profiled build's CPU into phases, search and rendering among them", () => {
    const phases = result.phases!;
    expect(Object.keys(phases)).toEqual([...PHASES]);
    for (const phase of [
      "rendering and writing",
      "search indexing",
      "content load and validation",
    ] as const)
      expect(phases[phase]).toBeGreaterThan(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { phasesFromProfiles } from "../../scripts/lib/bench-phases.ts";

/** A CPU profile whose samples sit in the given frames, each `ms` long, one stack per entry (root first). */
function profile(
  stacks: { frames: { functionName: string; url: string; lineNumber: number }[]; ms: number }[],
) {
  const nodes: { id: number; callFrame: object; children: number[] }[] = [
    { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [] },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const { frames, ms } of stacks) {
    let parent = nodes[0]!;
    for (const callFrame of frames) {
      const node = { id: nodes.length + 1, callFrame, children: [] };
      parent.children.push(node.id);
      nodes.push(node);
      parent = node;
    }
    samples.push(parent.id);
    timeDeltas.push(ms * 1000);
  }
  return { nodes, samples, timeDeltas, startTime: 0, endTime: 0 };
}

describe("phasesFromProfiles", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "bench-phases-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the source file of code in a compiled script by esbuild's comments (regression: all of it counted as rendering)", () => {
    const compiled = path.join(dir, ".cache", "compiled", "0123abcd.mjs");
    mkdirSync(path.dirname(compiled), { recursive: true });
    writeFileSync(
      compiled,
      [
        "// cache.ts",
        "function remember() {}",
        "// store.ts",
        "var ContentStore = class {",
        "  load() {}",
        "};",
        "// ../plugins/feeds.ts",
        "function feeds() {}",
      ].join("\n"),
    );
    const url = pathToFileURL(compiled).href;
    const file = path.join(dir, "main.cpuprofile");
    writeFileSync(
      file,
      JSON.stringify(
        profile([
          { frames: [{ functionName: "load", url, lineNumber: 4 }], ms: 30 },
          { frames: [{ functionName: "atomFeed", url, lineNumber: 7 }], ms: 20 },
          { frames: [{ functionName: "remember", url, lineNumber: 1 }], ms: 10 },
        ]),
      ),
    );
    const phases = phasesFromProfiles([file]);
    expect(phases["content load and validation"]).toBe(30);
    expect(phases["feeds and calendars"]).toBe(20);
    expect(phases["rendering and writing"]).toBe(10);
  });
});

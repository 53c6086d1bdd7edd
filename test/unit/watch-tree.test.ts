import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchTree } from "../../scripts/lib/dev-server.ts";

let stop = () => {};
afterEach(() => stop());

/** Watches a new temp folder; `changes()` counts the calls so far. */
function watched() {
  const root = mkdtempSync(path.join(tmpdir(), "watch-tree-"));
  let count = 0;
  stop = watchTree([root], () => count++);
  return { root, changes: () => count };
}

// Each step waits for the event itself: on a loaded machine it may take a while to arrive.
async function changesOn(step: () => void, changes: () => number): Promise<void> {
  const before = changes();
  step();
  await expect.poll(changes).toBeGreaterThan(before);
}

describe("watchTree (npm start's file watcher)", () => {
  it("hears saves in folders made after it started, at any depth", async () => {
    const { root, changes } = watched();
    await changesOn(() => mkdirSync(path.join(root, "articles")), changes);
    await changesOn(() => mkdirSync(path.join(root, "articles", "2026")), changes);
    await changesOn(() => writeFileSync(path.join(root, "articles", "2026", "a.md"), "x"), changes);
  });

  it("hears a folder that was removed and made again", async () => {
    const { root, changes } = watched();
    const folder = path.join(root, "events");
    await changesOn(() => mkdirSync(folder), changes);
    await changesOn(() => rmSync(folder, { recursive: true }), changes);
    await changesOn(() => mkdirSync(folder), changes);
    await changesOn(() => writeFileSync(path.join(folder, "b.md"), "x"), changes);
  });
});

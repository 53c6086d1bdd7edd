import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

const run = promisify(execFile);

describe("search indexing stopped while Pagefind works (the dev server, on an edit)", () => {
  // Regression: a stop printed Pagefind's "Service stopped Error [ERR_STREAM_DESTROYED]" and rejected with one line per record.
  it("ends with one line saying it stopped, prints nothing and writes no bundle", async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", path.join(repoRoot, "test", "helpers", "stop-indexing.ts")],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(JSON.parse(stdout)).toEqual({ outcome: "search plugin: indexing stopped", files: [] });
    expect(stderr).toBe("");
  });
});

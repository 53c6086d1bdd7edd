// vitest's globalSetup: every temporary folder of a run (fixture sites, their builds, Chromium's profiles, the
// dev server's) goes under one folder, removed when the run ends. Without it each run left ~1,000 in /tmp.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

let root: string | undefined;

export default function setup(): (() => void) | undefined {
  // Each project runs the setup: the first makes the folder, the others find it.
  if (root) return undefined;
  const made = mkdtempSync(path.join(tmpdir(), "digest-test-run-"));
  root = made;
  // tsx keeps its compiled files in TMPDIR/tsx-<uid>: the commands the tests start keep finding the usual one.
  const tsxCache = `tsx-${userInfo().uid}`;
  mkdirSync(path.join(tmpdir(), tsxCache), { recursive: true });
  symlinkSync(path.join(tmpdir(), tsxCache), path.join(made, tsxCache));
  // Workers, Chromium and the commands the tests start all inherit it (os.tmpdir() reads TMPDIR).
  process.env.TMPDIR = made;
  return () => {
    // KEEP_TEST_TEMP=1 keeps a run's folders to look into after a failure. The tsx link goes, not what it links.
    if (!process.env.KEEP_TEST_TEMP) rmSync(made, { recursive: true, force: true });
  };
}

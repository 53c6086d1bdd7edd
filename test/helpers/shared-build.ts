import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import {
  buildFixture,
  DEFAULT_SETTINGS,
  makeFixture,
  type BuildOptions,
  type RunResult,
} from "./fixture.ts";

/**
 * This test run, as its main process's id and start time (ids are reused): vitest's workers are child
 * processes (forks) or threads of that process. Undefined where /proc does not tell, and builds are not shared.
 */
function testRun(): string | undefined {
  const pid = isMainThread ? process.ppid : process.pid;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return `${pid}-${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]}`;
  } catch {
    return undefined;
  }
}
const RUN = testRun();

/**
 * The fixture of `files` built once per test run, however many test files ask for that same site: the
 * first builds it under a lock, the others wait for its result. Nothing may write into the shared output.
 */
export async function sharedBuild(
  files: Record<string, string | Buffer>,
  settings = DEFAULT_SETTINGS,
  options: BuildOptions = {},
): Promise<RunResult & { out: string }> {
  if (!RUN) return buildFixture(makeFixture(files, settings), options);
  const hash = createHash("sha256").update(JSON.stringify({ settings, options }));
  for (const name of Object.keys(files).sort()) {
    hash.update(`\0${name}\0`).update(files[name]!);
  }
  const key = path.join(tmpdir(), `digest-shared-build-${RUN}-${hash.digest("hex").slice(0, 20)}`);
  const done = `${key}.json`;
  try {
    mkdirSync(`${key}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another test file is building it: wait for its result (only the hook's timeout gives up).
    while (!existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 100));
    return JSON.parse(readFileSync(done, "utf8"));
  }
  const result = await buildFixture(makeFixture(files, settings), options);
  writeFileSync(`${done}.new`, JSON.stringify(result));
  renameSync(`${done}.new`, done);
  return result;
}

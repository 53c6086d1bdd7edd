import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as pagefind from "pagefind";
import type { CustomRecord, PagefindServiceConfig } from "pagefind";

/** Pagefind's UI bundles: this site draws its own results over pagefind.js, so they are not published. */
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

type BundleFile = { path: string; content: Uint8Array };

const fail = (step: string, errors: string[]): never => {
  throw new Error(`search plugin: Pagefind reported errors while ${step}:\n${errors.join("\n")}`);
};

/**
 * Indexes records in Pagefind's own process and returns the bundle's files. Started when the build
 * starts, it runs on the second core while Eleventy renders. The caller closes Pagefind.
 * https://pagefind.app/docs/node-api/#indexaddcustomrecord
 */
export async function buildIndex(
  records: CustomRecord[],
  config: PagefindServiceConfig = {},
): Promise<BundleFile[]> {
  const { index, errors } = await pagefind.createIndex(config);
  if (!index || errors.length) return fail("starting", errors);
  // Pagefind numbers pages in the order they arrive, so a fixed order keeps the bundle byte-identical.
  const sorted = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  // A malformed record makes the service throw rather than answer with errors.
  const added = await Promise.all(
    sorted.map((record) =>
      index.addCustomRecord(record).catch((e: Error) => ({ errors: [e.message] })),
    ),
  );
  const addErrors = added.flatMap((r, n) => r.errors.map((e) => `${sorted[n]!.url}: ${e}`));
  if (addErrors.length) fail("indexing", addErrors);
  const { files, errors: fileErrors } = await index.getFiles();
  if (fileErrors.length) fail("writing the bundle", fileErrors);
  return files;
}

/**
 * Replaces the bundle folder under the output with the index's files, one after another from this thread:
 * thousands of small files created at once from the thread pool contend for their folder's lock in the
 * kernel, which costs more CPU than it saves time.
 */
export function writeBundle(files: BundleFile[], outputDir: string, bundleDir: string): void {
  const target = path.join(outputDir, bundleDir);
  rmSync(target, { recursive: true, force: true });
  const wanted = files.filter((file) => !UNUSED_BUNDLE_FILE.test(file.path));
  for (const dir of new Set(wanted.map((file) => path.dirname(path.join(target, file.path)))))
    mkdirSync(dir, { recursive: true });
  for (const file of wanted) writeFileSync(path.join(target, file.path), file.content);
}

/** Indexes on a worker thread; resolves with the number of records once the bundle is written. */
export interface IndexJob {
  /** Records whose content is Markdown; the worker indexes its plain text. */
  records: CustomRecord[];
  outputDir: string;
  bundleDir: string;
  config: PagefindServiceConfig;
}

export type IndexResult = { ok: true; count: number } | { ok: false; message: string };

/** What an indexing thread is asked: a job (a kept thread), or to stop the job it is running. */
export type WorkerRequest = { type: "index"; job: IndexJob } | { type: "stop" };

// Threads that finished a job, kept for the next build in this process when its builds ask (the dev server's
// rebuilds, tests): starting one costs about 0.15 s of CPU (Node's internals and the compiled worker loaded again).
const idle = new Set<Worker>();
let started = 0;

/** How many indexing threads this process has started (tests read it). */
export const indexingThreadsStarted = (): number => started;

/** A new thread: for `job` alone, or (with none) waiting for jobs to be sent. */
function startThread(job?: IndexJob): Worker {
  started++;
  const entry = new URL("./search-worker.ts", import.meta.url).href;
  const worker = new Worker(new URL("./ts-worker.mjs", import.meta.url), {
    workerData: { job, entry },
  });
  worker.on("exit", () => idle.delete(worker));
  return worker;
}

/** A kept thread, or a new one to keep. */
function keptThread(): Worker {
  const [kept] = idle;
  if (!kept) return startThread();
  idle.delete(kept);
  kept.ref();
  return kept;
}

/**
 * Indexes `job` on a thread of its own, ended with the job; or, with `reuse`, on a thread kept from an
 * earlier job in this process, which waits (unref'd) for the next once it answered. A one-off build
 * (npm run build) starts its own: a kept thread would outlive its only job.
 */
export function indexInWorker(
  job: IndexJob,
  signal?: AbortSignal,
  { reuse = false }: { reuse?: boolean } = {},
): Promise<number> {
  const worker = reuse ? keptThread() : startThread(job);
  const request = (message: WorkerRequest) => worker.postMessage(message);
  if (reuse) request({ type: "index", job });
  const stop = () => request({ type: "stop" });
  // A build stopped early (the dev server, on an edit) stops Pagefind too, before its folder is removed.
  if (signal?.aborted) stop();
  else signal?.addEventListener("abort", stop, { once: true });
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => settle(false, () => reject(error));
    const onExit = (code: number) =>
      settle(false, () =>
        reject(new Error(`search plugin: the indexing worker stopped (exit code ${code})`)),
      );
    const onResult = (result: IndexResult) =>
      settle(true, () => (result.ok ? resolve(result.count) : reject(new Error(result.message))));
    function settle(answered: boolean, outcome: () => void) {
      worker.off("message", onResult).off("error", onError).off("exit", onExit);
      signal?.removeEventListener("abort", stop);
      // Only a thread that answered and was not stopped (which closes Pagefind for good) is kept.
      if (reuse && answered && !signal?.aborted) {
        worker.unref();
        idle.add(worker);
      } else if (reuse) void worker.terminate();
      outcome();
    }
    worker.once("message", onResult);
    worker.once("error", onError);
    worker.once("exit", onExit);
  });
}

/** Indexes records and writes the bundle, unless `stopped` by then; throws on any Pagefind error. */
export async function indexSite(
  records: CustomRecord[],
  outputDir: string,
  bundleDir: string,
  config: PagefindServiceConfig = {},
  stopped = () => false,
): Promise<number> {
  try {
    const files = await buildIndex(records, config);
    // A stopped build's folder is being removed: writing the bundle would bring part of it back.
    if (stopped()) throw new Error("search plugin: indexing stopped before the bundle was written");
    writeBundle(files, outputDir, bundleDir);
    return records.length;
  } finally {
    await pagefind.close();
  }
}

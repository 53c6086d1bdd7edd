// Indexes search records and writes the bundle on a worker thread, so Pagefind's replies are read while Eleventy renders.
import childProcess, { type ChildProcess } from "node:child_process";
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";
import { createMarkdown, markdownText } from "./markdown.ts";
import { indexSite, type IndexJob, type IndexResult, type WorkerRequest } from "./search-index.ts";

// Pagefind's close() shuts the pipes before it kills its process, which then panics writing to them: keep the
// process at hand to kill it first. Pagefind spawns it with child_process.spawn, read when it starts.
let service: ChildProcess | undefined;
const spawn = childProcess.spawn;
childProcess.spawn = ((...args: Parameters<typeof spawn>) =>
  (service = spawn(...args))) as typeof spawn;
const STOPPED = "search plugin: indexing stopped";
let stopped = false;

async function run(job: IndexJob): Promise<IndexResult> {
  try {
    // Records arrive with Markdown content; turning it into text here keeps that work off the main thread.
    const md = createMarkdown({ pathPrefix: "/", origin: "https://localhost" });
    const records = job.records.map((record) => ({
      ...record,
      content: markdownText(md, record.content),
    }));
    return {
      ok: true,
      count: await indexSite(records, job.outputDir, job.bundleDir, job.config, () => stopped),
    };
  } catch (error) {
    // Once stopped, every pending record fails alike: one line says why.
    return { ok: false, message: stopped ? STOPPED : (error as Error).message };
  }
}

// "stop" closes Pagefind, so the indexing fails at once; a stopped thread is given no other job.
parentPort!.on("message", (message: WorkerRequest) => {
  if (message.type === "index") {
    void run(message.job).then((result) => parentPort!.postMessage(result));
    return;
  }
  stopped = true;
  // Pagefind's client prints "Service stopped" for each message it could not send: expected here.
  console.error = () => undefined;
  service?.kill("SIGKILL");
  void pagefind.close();
});
// A thread started for one job (workerData) runs it and ends; a kept one waits for jobs, its port kept open.
const { job } = workerData as { job?: IndexJob };
if (job) {
  parentPort!.unref();
  parentPort!.postMessage(await run(job));
}

// Indexes search records and writes the bundle on a worker thread, so Pagefind's replies are read while Eleventy renders.
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";
import { createMarkdown, markdownText } from "./markdown.ts";
import { indexSite, type IndexJob, type IndexResult } from "./search-index.ts";

const job = workerData as IndexJob;
// "stop" closes Pagefind, so the indexing below fails at once; the listener alone keeps no thread alive.
parentPort!.on("message", (message) => {
  if (message === "stop") void pagefind.close();
});
parentPort!.unref();
let result: IndexResult;
try {
  // Records arrive with Markdown content; turning it into text here keeps that work off the main thread.
  const md = createMarkdown({ pathPrefix: "/", origin: "https://localhost" });
  const records = job.records.map((record) => ({
    ...record,
    content: markdownText(md, record.content),
  }));
  result = { ok: true, count: await indexSite(records, job.outputDir, job.bundleDir, job.config) };
} catch (error) {
  result = { ok: false, message: (error as Error).message };
}
parentPort!.postMessage(result!);

// Run as a child process by test/build/search-stop.test.ts, so that its stderr (the worker's console) can be read whole.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { indexInWorker } from "../../src/lib/search-index.ts";

const words = "union strike solidarity march petition hospital ceasefire delegation letter".split(
  " ",
);
const records = Array.from({ length: 2000 }, (_, n) => ({
  url: `/articles/item-${n}/`,
  content: Array.from({ length: 300 }, (_, w) => `${words[(n + w) % words.length]}${w % 50}`).join(
    " ",
  ),
  language: "en",
  meta: { title: `Item ${n}` },
}));

/** CPU seconds used so far by this process's Pagefind child, or null while there is none. */
function pagefindCpu(): number | null {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const [comm, rest] = [
      stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      stat.slice(stat.lastIndexOf(")") + 2).split(" "),
    ];
    if (comm.startsWith("pagefind") && Number(rest[1]) === process.pid) {
      return (Number(rest[11]) + Number(rest[12])) / 100;
    }
  }
  return null;
}

const outputDir = mkdtempSync(path.join(tmpdir(), "digest-stop-"));
const stop = new AbortController();
const indexing = indexInWorker(
  { records, outputDir, bundleDir: "pagefind", config: {} },
  stop.signal,
);
const outcome = indexing.then(
  () => "finished",
  (error: Error) => error.message,
);
let settled = false;
void outcome.then(() => {
  settled = true;
});
// Stop once Pagefind is busy indexing: records are on their way to it.
while (!settled && (pagefindCpu() ?? 0) < 0.2)
  await new Promise((resolve) => setTimeout(resolve, 10));
stop.abort();
console.log(JSON.stringify({ outcome: await outcome, files: readdirSync(outputDir) }));

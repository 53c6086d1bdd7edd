/**
 * Bytes a reader's first search downloads: the /search/ page of a built site against a bare page that
 * only calls Pagefind's JS API (same index, same query, first five results), both in Chromium with a
 * cold cache, counting every response of the page and of its workers.
 *
 *   tsx scripts/bench-search.ts <built site dir> <query>
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchBrowser, serveSite } from "./lib/browser.ts";

export interface PageBytes {
  /** Sum of encodedDataLength (headers and body as received) of every response. */
  bytes: number;
  requests: { url: string; bytes: number }[];
}

export interface SearchBytes {
  query: string;
  /** The site's /search/?q=<query>, until its results (and their thumbnails) have loaded. */
  searchPage: PageBytes;
  /** A bare page calling pagefind.search(query) and data() of the first five results. */
  pagefindOnly: PageBytes;
  /** searchPage.bytes / pagefindOnly.bytes; the target is at most 1.3. */
  ratio: number;
}

type Network = { bytes: () => Promise<PageBytes>; idle: () => Promise<void> };

/**
 * Counts the bytes of a page and of its dedicated workers through CDP Network events. A worker is
 * attached (paused) as it starts, in the older non-flat mode, since Playwright's CDPSession can't
 * address flat child sessions.
 */
async function watchNetwork(page: Page, cdp: CDPSession): Promise<Network> {
  const started = new Map<string, { url: string; scope: string }>();
  const finished = new Map<string, { bytes: number; scope: string }>();
  const pending = new Set<string>();
  let lastActivity = Date.now();
  const handle = (
    scope: string,
    method: string,
    params: { requestId: string; request?: { url: string }; encodedDataLength?: number },
  ) => {
    const id = params.requestId;
    if (method === "Network.requestWillBeSent" && params.request) {
      started.set(id, { url: params.request.url, scope });
      pending.add(id);
    } else if (method === "Network.loadingFinished" || method === "Network.loadingFailed") {
      pending.delete(id);
      if (method === "Network.loadingFinished")
        finished.set(id, { bytes: params.encodedDataLength ?? 0, scope });
    } else return;
    lastActivity = Date.now();
  };
  for (const method of [
    "Network.requestWillBeSent",
    "Network.loadingFinished",
    "Network.loadingFailed",
  ]) {
    cdp.on(method as "Network.loadingFinished", (params) =>
      handle("page", method, params as never),
    );
  }
  let messageId = 1;
  cdp.on("Target.attachedToTarget", async ({ sessionId, targetInfo }) => {
    const send = (method: string) =>
      cdp.send("Target.sendMessageToTarget", {
        sessionId,
        message: JSON.stringify({ id: messageId++, method, params: {} }),
      });
    if (targetInfo.type === "worker") await send("Network.enable");
    await send("Runtime.runIfWaitingForDebugger");
  });
  cdp.on("Target.receivedMessageFromTarget", ({ sessionId, message }) => {
    const parsed = JSON.parse(message) as { method?: string; params?: never };
    if (parsed.method && parsed.params) handle(sessionId, parsed.method, parsed.params);
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Target.setAutoAttach", {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: false,
  });

  const resourceSizes = async () =>
    new Map(
      await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => [e.name, (e as PerformanceResourceTiming).transferSize] as [string, number]),
      ),
    );

  return {
    async idle() {
      const deadline = Date.now() + 30_000;
      while (pending.size > 0 || Date.now() - lastActivity < 500) {
        if (pending.size > 0) {
          // A worker's own script may finish before its session listens; the page's Resource Timing saw it end.
          const ended = new Set(await resourceSizes().then((sizes) => [...sizes.keys()]));
          for (const id of pending) if (ended.has(started.get(id)?.url ?? "")) pending.delete(id);
        }
        if (Date.now() > deadline) {
          throw new Error(
            `bench-search: requests still pending after 30 s: ${[...pending].map((id) => started.get(id)?.url).join(", ")}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async bytes() {
      // A worker's own script is requested by the page but finishes in the worker, whose CDP session
      // is only attached by then and reports the headers alone; the page's Resource Timing has its full size.
      const timings = await resourceSizes();
      const requests = [...started].flatMap(([id, start]) => {
        const end = finished.get(id);
        const handedOver = (!end || start.scope !== end.scope) && timings.has(start.url);
        if (handedOver) return [{ url: start.url, bytes: timings.get(start.url)! }];
        return end ? [{ url: start.url, bytes: end.bytes }] : [];
      });
      return { bytes: requests.reduce((sum, r) => sum + r.bytes, 0), requests };
    },
  };
}

/** Pagefind's warning when its worker took over 5 s to start and it searched on the page's thread instead. */
const WORKER_FALLBACK = /falling back to main thread/;
/** Pagefind's index code for a language, which its worker fetches. */
const WASM = /\/wasm\.[\w-]+\.pagefind$/;

async function measure(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  attempts = 3,
): Promise<PageBytes> {
  const context = await browser.newContext(); // a new context starts with an empty cache
  let fellBack = false;
  try {
    const page = await context.newPage();
    page.on("console", (message) => {
      if (WORKER_FALLBACK.test(message.text())) fellBack = true;
    });
    const network = await watchNetwork(page, await context.newCDPSession(page));
    await page.goto(url);
    await ready(page);
    await network.idle();
    const bytes = await network.bytes();
    if (!fellBack && bytes.requests.some((r) => WASM.test(r.url))) return bytes;
  } finally {
    await context.close();
  }
  // On a busy machine the worker (paused here until its requests are watched) can miss Pagefind's 5 s, or its
  // fetch of the index's code go uncounted (seen once in a full test run): what is counted is the worker's
  // way, complete, which every reader's browser takes unless it is that slow.
  if (attempts > 1) return measure(browser, url, ready, attempts - 1);
  throw new Error(
    `bench-search: Pagefind's worker and its code were not both seen on ${url} in three tries`,
  );
}

const BARE_PAGE = (lang: string) => `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Pagefind alone</title><link rel="icon" href="data:,"></head>
<body>
<script type="module">
  const pagefind = await import("/pagefind/pagefind.js");
  const query = new URLSearchParams(location.search).get("q");
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
  document.body.dataset.results = String(data.length);
</script>
</body>
</html>
`;

/**
 * Serves `siteDir` (under the path prefix it was built for) and measures both pages for `query`, in
 * `browser` if given (left open: each measurement has a context of its own), else in a Chromium of its own.
 */
export async function measureSearchBytes(
  siteDir: string,
  query: string,
  browser?: Browser,
): Promise<SearchBytes> {
  const searchHtml = readFileSync(path.join(siteDir, "search", "index.html"), "utf8");
  const prefix = /data-base-url="([^"]*)"/.exec(searchHtml)?.[1] ?? "/";
  const lang = /<html[^>]*\blang="([^"]*)"/.exec(searchHtml)?.[1] ?? "en";
  // The bare page lives beside the very same bundle, at the root of its own server.
  const bareDir = mkdtempSync(path.join(tmpdir(), "bench-search-"));
  symlinkSync(path.resolve(siteDir, "pagefind"), path.join(bareDir, "pagefind"), "dir");
  writeFileSync(path.join(bareDir, "index.html"), BARE_PAGE(lang));

  const site = await serveSite(path.resolve(siteDir), prefix);
  const bare = await serveSite(bareDir, "/");
  const chromium = browser ?? (await launchBrowser());
  try {
    const q = encodeURIComponent(query);
    const searchPage = await measure(chromium, `${site.url}search/?q=${q}`, (page) =>
      page.waitForFunction(
        () => document.getElementById("search-status")?.textContent?.trim(),
        undefined,
        { timeout: 30_000 },
      ),
    );
    const pagefindOnly = await measure(chromium, `${bare.url}?q=${q}`, (page) =>
      page.waitForSelector("body[data-results]", { state: "attached", timeout: 30_000 }),
    );
    return { query, searchPage, pagefindOnly, ratio: searchPage.bytes / pagefindOnly.bytes };
  } finally {
    if (!browser) await chromium.close();
    await Promise.all([site.close(), bare.close()]);
    rmSync(bareDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [siteDir, query] = process.argv.slice(2);
  if (!siteDir || !query) {
    console.error("usage: tsx scripts/bench-search.ts <built site dir> <query>");
    process.exit(2);
  }
  const result = await measureSearchBytes(siteDir, query);
  const verdict = result.ratio <= 1.3 ? "within" : "OVER";
  console.log(
    `Search for "${query}": search page ${kb(result.searchPage.bytes)} (${result.searchPage.requests.length} requests), Pagefind alone ${kb(result.pagefindOnly.bytes)} (${result.pagefindOnly.requests.length} requests)`,
  );
  console.log(
    `The search page adds ${((result.ratio - 1) * 100).toFixed(1)}% to Pagefind's own bytes: ${verdict} the 30% target.`,
  );
  if (process.argv.includes("--verbose")) {
    for (const [name, measured] of [
      ["search page", result.searchPage],
      ["Pagefind alone", result.pagefindOnly],
    ] as const) {
      console.log(`\n${name}:`);
      for (const r of measured.requests) console.log(`  ${String(r.bytes).padStart(8)}  ${r.url}`);
    }
  }
}

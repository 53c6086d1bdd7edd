// Serving a built site on loopback and opening it in Debian's Chromium: for the benchmarks and the browser tests.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { normalisePrefix } from "../../src/lib/format.ts";

export const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".ics": "text/calendar; charset=utf-8",
  ".svg": "image/svg+xml",
  ".avif": "image/avif",
  ".webp": "image/webp",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

export interface StaticSite {
  /** Base URL including the path prefix, e.g. http://127.0.0.1:4567/pr-7/ */
  url: string;
  close: () => Promise<void>;
}

/** Serves a built site on loopback under `prefix`, as a static host would (404.html for misses). */
export async function serveSite(root: string, prefix = "/"): Promise<StaticSite> {
  const base = normalisePrefix(prefix);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(base)) {
      res.writeHead(404).end("outside the path prefix");
      return;
    }
    pathname = pathname.slice(base.length - 1);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    const status = existsSync(file) ? 200 : 404;
    if (status === 404) file = path.join(root, "404.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(status, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    // Ends open connections too: a page still open (a browser keeps them alive) must not hold close() up.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Where Debian puts Chromium's headless shell (package chromium-headless-shell) and Chromium itself. */
export const CHROMIUM_PATHS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/**
 * CHROME_PATH, else Debian's headless shell, else Debian's Chromium. The shell is the same Blink without the
 * browser's interface, as Playwright runs headless by default: a new context costs 95 ms of CPU in it against
 * 408 ms in Chromium's full headless mode, and a search with results in a new context 480 against 1,413 ms.
 */
export function chromiumPath(): string {
  return (
    process.env.CHROME_PATH ||
    (CHROMIUM_PATHS.find((file) => existsSync(file)) ?? CHROMIUM_PATHS[1]!)
  );
}

/** Debian's Chromium (see chromiumPath), headless, with nothing that reaches outside this machine; `args` are added. */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  // Loaded here, not with the file: the dev server serves with TYPES and never starts a browser.
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...args,
    ],
  });
}

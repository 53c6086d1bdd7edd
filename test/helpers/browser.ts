import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { launchBrowser, serveSite, type StaticSite } from "../../scripts/lib/browser.ts";
import { sharedBuild } from "./shared-build.ts";

export { serveSite, type StaticSite } from "../../scripts/lib/browser.ts";

let launched: Promise<Browser> | undefined;

/**
 * No optimising compilers (Maglev, TurboFan) for the tests' short-lived pages: they compiled Pagefind's code
 * afresh in every new page, on a background thread, for pages closed a second later. Per file run alone,
 * CPU of every process: search.test.ts 31-32 s before, 24-27 s after; search-prefix.test.ts 25 s, 20 s.
 */
const TEST_BROWSER_ARGS = ["--js-flags=--no-opt --no-maglev"];

/**
 * The worker's Chromium, launched by the first test file that asks and kept for the next ones (a worker runs
 * its files one after another, unisolated): a launch costs about a second of CPU.
 * Files never close it: after each, test/helpers/browser-setup.ts closes its contexts. Relaunched if it went away.
 */
export async function testBrowser(): Promise<Browser> {
  launched ??= launchBrowser(TEST_BROWSER_ARGS);
  const browser = await launched;
  if (browser.isConnected()) return browser;
  launched = launchBrowser(TEST_BROWSER_ARGS);
  return launched;
}

/** Ends every context (and so every page) of the worker's Chromium, leaving it running for the next file. */
export async function closeContexts(): Promise<void> {
  // A launch that failed has already failed the test that asked for it.
  const browser = await launched?.catch(() => undefined);
  if (browser?.isConnected()) await Promise.all(browser.contexts().map((c) => c.close()));
}

/**
 * Collects console errors, page errors and failed same-origin requests of a page: into the list returned, or
 * into `list()` at the time (for a tab kept from test to test, the running test's list).
 */
export function watchErrors(page: Page, list?: () => string[]): string[] {
  const errors: string[] = [];
  const add = (error: string) => (list?.() ?? errors).push(error);
  page.on("console", (message) => {
    if (message.type() === "error") add(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => add(`pageerror: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url().startsWith("http://127.0.0.1")) {
      add(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return errors;
}

/**
 * The fixture built as published at each path prefix ("/", "/pr-7/") and served there, by prefix:
 * search must work at the site's root and under a preview's folder alike. Each build is shared by every
 * test file that asks for it.
 */
export async function serveAtPrefixes(
  files: Record<string, string | Buffer>,
  settings: string | undefined,
  prefixes: string[],
): Promise<Record<string, StaticSite>> {
  const builds = await Promise.all(
    prefixes.map(async (prefix) => {
      const result = await sharedBuild(
        files,
        settings,
        prefix === "/" ? {} : { pathPrefix: prefix },
      );
      expect(result.code, result.stderr).toBe(0);
      return [prefix, result.out] as const;
    }),
  );
  const sites: Record<string, StaticSite> = {};
  for (const [prefix, out] of builds) sites[prefix] = await serveSite(out, prefix);
  return sites;
}

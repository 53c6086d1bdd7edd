import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrowser, serveAtPrefixes, type StaticSite } from "../helpers/browser.ts";
import {
  AUDITED_SEARCH_PAGES,
  prefixDependentChecks,
  searchSiteFiles,
  searchTab,
} from "../helpers/search-tab.ts";

// Search under a preview's folder: what depends on the prefix (search.test.ts checks the rest at "/").
const PREFIX = "/pr-7/";
let sites: Record<string, StaticSite> = {};
let browser: Browser;

beforeAll(async () => {
  const files = await searchSiteFiles();
  // The "/" build, shared with search.test.ts, is what this one is compared with.
  [sites, browser] = await Promise.all([
    serveAtPrefixes(files, undefined, ["/", PREFIX]),
    testBrowser(),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(sites).map((site) => site.close()));
});

describe(`search served at ${PREFIX}`, () => {
  const tab = searchTab(
    () => browser,
    () => sites[PREFIX]!,
  );
  prefixDependentChecks(PREFIX, tab);

  it("renders tag, category and search pages as at / but for the prefix, so their audit at / holds here", async () => {
    const page = await tab.fresh();
    const markup = async (site: StaticSite, url: string) => {
      await page.goto(`${site.url}${url.slice(1)}`);
      if (url.startsWith("/search/")) {
        await expect.poll(() => tab.status().textContent()).not.toBe("");
      }
      return page.evaluate(() => document.documentElement.outerHTML);
    };
    for (const url of AUDITED_SEARCH_PAGES) {
      const here = (await markup(sites[PREFIX]!, url)).replaceAll(PREFIX, "/");
      expect(here, url).toBe(await markup(sites["/"]!, url));
    }
  });
});

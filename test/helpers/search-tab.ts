import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { watchErrors, type StaticSite } from "./browser.ts";
import { makeJpeg } from "./sample-site.ts";
import { searchFiles } from "./search-site.ts";

/** The search tests' site: searchFiles and its banner picture. */
export async function searchSiteFiles(): Promise<Record<string, string | Buffer>> {
  return { ...searchFiles(), "articles/banner.jpg": await makeJpeg(960, 640) };
}

export interface SearchTab {
  /** A new context (with these options) and a tab in it, whose errors are checked after the test. */
  fresh: (options?: Parameters<Browser["newContext"]>[0]) => Promise<Page>;
  /** The address of a site URL ("/search/?q=x") where the site is served. */
  at: (url: string) => string;
  /** Opens a search and waits until its outcome is announced. */
  open: (url: string) => Promise<void>;
  status: () => Locator;
  titles: () => Promise<string[]>;
}

/**
 * A tab on the search site `site()` for each test of the describe block that calls this. Tests with the
 * default options share one tab, taken back to a blank page between them: a new tab cost about 0.25 s of
 * Chromium's CPU. A test with options of its own gets a context of its own, closed after it.
 */
export function searchTab(browser: () => Browser, site: () => StaticSite): SearchTab {
  let shared: Page | undefined;
  let own: BrowserContext | undefined;
  let page: Page;
  let errors: string[] = [];
  afterEach(async () => {
    expect(errors).toEqual([]);
    await own?.close();
    own = undefined;
  });
  const status = () => page.locator("#search-status");
  const at = (url: string) => `${site().url}${url.replace(/^\//, "")}`;
  return {
    fresh: async (options = {}) => {
      errors = [];
      const ownOptions = Object.keys(options).length > 0;
      if (!ownOptions && shared && !shared.isClosed()) {
        page = shared;
        await page.goto("about:blank");
        return page;
      }
      const context = await browser().newContext(options);
      page = await context.newPage();
      if (ownOptions) own = context;
      else shared = page;
      watchErrors(page, () => errors);
      return page;
    },
    at,
    open: async (url) => {
      await page.goto(at(url));
      await expect.poll(() => status().textContent()).not.toBe("");
    },
    status,
    titles: () => page.locator(".search-result__title a").allTextContents(),
  };
}

/**
 * What depends on where the site is served: result links, thumbnails, filters and the address they
 * keep, topics loaded on demand, the header's search box. Registered in a describe block per prefix.
 */
export function prefixDependentChecks(prefix: string, tab: SearchTab): void {
  const { fresh, at, open, status, titles } = tab;

  it("lists the one article holding a word, and its link opens it", async () => {
    const page = await fresh();
    await open("/search/?q=checkpoint");
    await expect.poll(() => status().textContent()).toBe("1 result for “checkpoint”.");
    const link = page.locator(".search-result__title a");
    expect(await link.textContent()).toBe("Rafah crossing report");
    expect(await link.getAttribute("href")).toBe(`${prefix}articles/rafah-report/`);
    await link.click();
    await page.waitForURL(at("/articles/rafah-report/"));
    expect(await page.locator("h1").textContent()).toBe("Rafah crossing report");
  });

  it("shows each result's date, summary and thumbnail", async () => {
    const page = await fresh();
    await open("/search/?q=checkpoint");
    const result = page.locator(".search-result").first();
    expect(await result.locator("time").getAttribute("datetime")).toBe("2024-02-20");
    expect(await result.locator("time").textContent()).toBe("20 February 2024");
    expect(await result.locator(".search-result__text").textContent()).toBe(
      "What happened at the Rafah crossing.",
    );
    const img = result.locator("img");
    expect(await img.getAttribute("src")).toMatch(new RegExp(`^${prefix}img/[\\w-]+-160\\.webp$`));
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(160);
    // Without a summary, the excerpt around the match stands in, the match marked.
    await open("/search/?q=parliament");
    expect(await page.locator(".search-result__text mark").first().textContent()).toMatch(
      /parliament/i,
    );
  });

  it("narrows results with a filter, keeping the filter in the URL", async () => {
    const page = await fresh();
    await open("/search/?q=rafah");
    expect((await titles()).sort()).toEqual(["Rafah crossing report", "Sign the letter on Rafah"]);
    await page.selectOption("#search-kind", "action");
    await expect.poll(() => status().textContent()).toBe("1 result for “rafah” (Actions).");
    expect(await titles()).toEqual(["Sign the letter on Rafah"]);
    expect(new URL(page.url()).searchParams.get("kind")).toBe("action");
    expect(new URL(page.url()).pathname).toBe(`${prefix}search/`);
    // The same search, shared as a link, opens filtered.
    await open("/search/?q=rafah&category=news");
    expect(await page.locator("#search-category").inputValue()).toBe("news");
    expect(await titles()).toEqual(["Rafah crossing report"]);
  });

  it("filters by topic from options loaded on demand, and by kind alone", async () => {
    const page = await fresh();
    await open("/search/?q=report");
    await page.locator("#search-tag").focus();
    await expect
      .poll(() => page.locator("#search-tag option").allTextContents())
      .toContain("غزة (1)");
    await page.selectOption("#search-tag", "غزة");
    await expect.poll(() => titles()).toEqual(["Report from Gaza"]);
    await open("/search/?kind=event");
    expect(await titles()).toEqual(["Night vigil"]);
  });

  it("leads from the header search box to results", async () => {
    const page = await fresh();
    await page.goto(at("/"));
    await page.fill("#site-search-q", "checkpoint");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(at("/search/?q=checkpoint"));
    await expect.poll(() => titles()).toEqual(["Rafah crossing report"]);
    expect(await page.locator("#search-q").inputValue()).toBe("checkpoint");
  });
}

/** The pages axe audits at "/" (search-prefix.test.ts shows them the same under "/pr-7/"). */
export const AUDITED_SEARCH_PAGES = [
  "/tags/palestine/",
  "/tags/",
  "/categories/news/",
  "/categories/",
  "/search/?q=rafah",
  "/search/?q=solidarity",
];

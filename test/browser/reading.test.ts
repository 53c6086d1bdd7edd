import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { searchSiteFiles } from "../helpers/search-tab.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const sites: Record<"production" | "preview", StaticSite> = {} as never;
let browser: Browser;

beforeAll(async () => {
  const files = await searchSiteFiles();
  // The production build is search.test.ts's, shared.
  for (const kind of ["production", "preview"] as const) {
    const result = await sharedBuild(files, undefined, kind === "preview" ? { preview: true } : {});
    expect(result.code, result.stderr).toBe(0);
    sites[kind] = await serveSite(result.out, "/");
  }
  browser = await testBrowser();
}, 240_000);

afterAll(async () => {
  await Promise.all(Object.values(sites).map((site) => site.close()));
});

describe("the search page", () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const open = async (site: StaticSite, url: string, width: number) => {
    context = await browser.newContext({ viewport: { width, height: 800 } });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${site.url}${url.replace(/^\//, "")}`);
    await expect
      .poll(() => page.locator("#search-status").textContent(), { timeout: 30_000 })
      .not.toBe("");
  };
  afterEach(async () => {
    expect(errors).toEqual([]);
    await context?.close();
  });

  it("on a 390 px phone: one search box, the first result right under it, the filters after the results", async () => {
    await open(sites.production, "/search/?q=rafah", 390);
    await expect.poll(() => page.locator(".search-result").count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator("input[type=search]").count()).toBe(1);
    expect(await page.locator("#site-search-q").count()).toBe(0);
    const box = (selector: string) => page.locator(selector).first().boundingBox();
    const query = (await box("#search-q"))!;
    const first = (await box(".search-result"))!;
    const filters = (await box(".search-form__filters"))!;
    const last = (await box(".search-result >> nth=-1"))!;
    expect(first.y - (query.y + query.height)).toBeLessThan(120);
    expect(filters.y).toBeGreaterThanOrEqual(last.y + last.height);
    // The filters still narrow the search from below the results.
    await page.selectOption("#search-kind", "action");
    await expect
      .poll(() => page.locator(".search-result__title a").allTextContents(), { timeout: 30_000 })
      .toEqual(["Sign the letter on Rafah"]);
    expect(new URL(page.url()).searchParams.get("kind")).toBe("action");
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
  });

  it("on a wide screen: the filters beside the results", async () => {
    await open(sites.production, "/search/?q=rafah", 1280);
    const first = (await page.locator(".search-result").first().boundingBox())!;
    const filters = (await page.locator(".search-form__filters").boundingBox())!;
    expect(filters.x).toBeGreaterThanOrEqual(first.x + first.width);
    expect(filters.y).toBeLessThan(first.y);
  });

  it("marks drafts and scheduled items in a preview's results", async () => {
    await open(sites.preview, "/search/?q=zeppelinword", 390);
    await expect
      .poll(() => page.locator(".search-result .badge").allTextContents(), { timeout: 30_000 })
      .toEqual(["Draft: not published"]);
    await open(sites.preview, "/search/?q=quasarword", 390);
    await expect
      .poll(() => page.locator(".search-result .badge").allTextContents(), { timeout: 30_000 })
      .toEqual(["Scheduled: publishes on 10 March 2024"]);
    await open(sites.preview, "/search/?q=checkpoint", 390);
    await expect.poll(() => page.locator(".search-result").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator(".search-result .badge").count()).toBe(0);
  });
});

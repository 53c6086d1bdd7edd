import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrowser, serveSite, type StaticSite } from "../helpers/browser.ts";
import { sampleSite } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

// Regression: the header's and the search page's search inputs (20 characters wide by default) made every page scroll sideways at 320px.
const PAGES = [
  "/",
  "/articles/",
  "/articles/bridge-march/",
  "/actions/open-letter/",
  "/about/",
  "/events/",
  "/tags/",
  "/search/?q=bridge",
  "/404.html",
];

describe("a 320px phone", () => {
  let site: StaticSite;
  let browser: Browser;
  // One tab shows each page in turn (a navigation is a fresh document).
  let tab: Page;

  beforeAll(async () => {
    const { files, settings } = await sampleSite();
    const result = await sharedBuild(files, settings);
    expect(result.code, result.stderr).toBe(0);
    [site, browser] = await Promise.all([serveSite(result.out), testBrowser()]);
    tab = await browser.newPage({ viewport: { width: 320, height: 640 } });
  });

  afterAll(async () => {
    await site?.close();
  });

  it.each(PAGES)("shows %s without sideways scrolling", async (url) => {
    const page = tab;
    const response = await page.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
    expect(response?.status(), url).toBe(200);
    // Search results are written once the index answers: measured once they are shown.
    if (url.startsWith("/search/")) {
      await expect.poll(() => page.locator("#search-status").textContent()).not.toBe("");
    }
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter(
          (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5,
        )
        .map((el) => `${el.localName}.${el.className}`),
    );
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  });
});

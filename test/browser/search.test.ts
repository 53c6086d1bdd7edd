import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import { testBrowser, serveAtPrefixes, type StaticSite } from "../helpers/browser.ts";
import {
  AUDITED_SEARCH_PAGES,
  prefixDependentChecks,
  searchSiteFiles,
  searchTab,
} from "../helpers/search-tab.ts";

// Served at "/" here; search-prefix.test.ts repeats what depends on the prefix under "/pr-7/".
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  const files = await searchSiteFiles();
  [site, browser] = await Promise.all([
    serveAtPrefixes(files, undefined, ["/"]).then((sites) => sites["/"]!),
    testBrowser(),
  ]);
});

afterAll(async () => {
  await site?.close();
});

describe("search served at /", () => {
  const tab = searchTab(
    () => browser,
    () => site,
  );
  const { fresh, at, open, status, titles } = tab;
  prefixDependentChecks("/", tab);

  /** Searches "checkpoint" after a pause longer than live results wait, then goes Back to "solidarity". */
  async function searchCheckpointThenBack(page: Page) {
    await page.fill("#search-q", "checkpoint");
    await page.waitForTimeout(600);
    await page.press("#search-q", "Enter");
    await expect.poll(() => titles()).toEqual(["Rafah crossing report"]);
    await page.goBack();
    await expect.poll(() => page.locator("#search-q").inputValue()).toBe("solidarity");
  }

  it("sorts by date either way", async () => {
    const page = await fresh();
    await open("/search/?q=solidarity&sort=oldest");
    expect((await titles())[0]).toBe("Solidarity note 01");
    await page.selectOption("#search-sort", "newest");
    await expect.poll(async () => (await titles())[0]).toBe("Solidarity note 12");
  });

  it("never finds a draft or a scheduled item", async () => {
    const page = await fresh();
    await open("/search/?q=zeppelinword");
    expect(await status().textContent()).toBe("No results for “zeppelinword”.");
    await open("/search/?q=quasarword");
    expect(await page.locator(".search-result").count()).toBe(0);
  });

  it("works from the keyboard: type, submit, show more, go back", async () => {
    const page = await fresh();
    await page.goto(at("/search/"));
    await page.locator("#search-q").focus();
    await page.keyboard.type("solidarity");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => status().textContent())
      .toBe("12 results for “solidarity”, showing the first 10.");
    expect(new URL(page.url()).searchParams.get("q")).toBe("solidarity");
    await page.locator("#search-more").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".search-result").count()).toBe(12);
    const eleventh = await page.locator(".search-result__title a").nth(10).textContent();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(eleventh);
    expect(await page.locator("#search-more").isHidden()).toBe(true);
    await expect.poll(() => status().textContent()).toBe("12 results for “solidarity”.");
    // A second search, then Back: the first comes back, query and results.
    // A pause before Enter (live results arrive after 300 ms) must not replace the first search in the history.
    await searchCheckpointThenBack(page);
    await expect.poll(() => page.locator(".search-result").count()).toBe(10);
    // Every control is reached with Tab, in order: the results, then the filters that follow them.
    await page.locator("#search-q").focus();
    const order: string[] = [];
    for (let n = 0; n < 17; n++) {
      await page.keyboard.press("Tab");
      order.push(
        await page.evaluate(
          () => document.activeElement?.id || document.activeElement?.getAttribute("type") || "",
        ),
      );
    }
    expect(order).toEqual([
      "submit",
      ...Array(10).fill(""),
      "search-more",
      "search-kind",
      "search-category",
      "search-tag",
      "search-sort",
      expect.any(String),
    ]);
  });

  it("keeps the previous search in the history when typing changed nothing before a new one", async () => {
    const page = await fresh();
    await page.goto(at("/search/"));
    await page.fill("#search-q", "solidarity");
    await page.press("#search-q", "Enter");
    await expect
      .poll(() => status().textContent())
      .toBe("12 results for “solidarity”, showing the first 10.");
    // A letter typed and deleted: live results run, the address stays the same.
    await page.press("#search-q", "x");
    await page.press("#search-q", "Backspace");
    await page.waitForTimeout(600);
    await searchCheckpointThenBack(page);
  });

  it("says plainly that search needs JavaScript when it is off", async () => {
    const page = await fresh({ javaScriptEnabled: false });
    await page.goto(at("/search/?q=rafah"));
    expect(await page.locator(".search-noscript").isVisible()).toBe(true);
    expect(await page.locator(".search-noscript").textContent()).toMatch(/Search needs JavaScript/);
    expect(await page.locator("#search").isHidden()).toBe(true);
  });

  it("passes axe on tag, category and search pages, light and dark", async () => {
    const page = await fresh();
    const found: string[] = [];
    for (const url of AUDITED_SEARCH_PAGES) {
      if (url.startsWith("/search/")) await open(url);
      else await page.goto(at(url));
      found.push(...(await auditBothSchemes(page, url)));
    }
    expect(found).toEqual([]);
  });
});

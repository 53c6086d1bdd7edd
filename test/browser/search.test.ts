import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  serveAtPrefixes,
  watchErrors,
  type StaticSite,
} from "../helpers/browser.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { searchFiles } from "../helpers/search-site.ts";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const sites: Record<string, StaticSite> = {};
let browser: Browser;

beforeAll(async () => {
  const files = { ...searchFiles(), "articles/banner.jpg": await makeJpeg(960, 640) };
  Object.assign(sites, await serveAtPrefixes(files, undefined, ["/", "/pr-7/"]));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(sites).map((site) => site.close()));
});

describe.each(["/", "/pr-7/"])("search served at %s", (prefix) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const at = (url: string) => `${sites[prefix]!.url}${url.replace(/^\//, "")}`;
  const status = () => page.locator("#search-status");
  const titles = () => page.locator(".search-result__title a").allTextContents();

  /** Searches "checkpoint" after a pause longer than live results wait, then goes Back to "solidarity". */
  async function searchCheckpointThenBack() {
    await page.fill("#search-q", "checkpoint");
    await page.waitForTimeout(600);
    await page.press("#search-q", "Enter");
    await expect.poll(() => titles()).toEqual(["Rafah crossing report"]);
    await page.goBack();
    await expect.poll(() => page.locator("#search-q").inputValue()).toBe("solidarity");
  }
  /** Opens a search and waits until its outcome is announced. */
  const open = async (url: string) => {
    await page.goto(at(url));
    await expect.poll(() => status().textContent()).not.toBe("");
  };

  afterEach(async () => {
    expect(errors).toEqual([]);
    await context?.close();
  });
  const fresh = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    context = await browser.newContext(options);
    page = await context.newPage();
    errors = watchErrors(page);
  };

  it("lists the one article holding a word, and its link opens it", async () => {
    await fresh();
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
    await fresh();
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
    await fresh();
    await open("/search/?q=rafah");
    expect((await titles()).sort()).toEqual(["Rafah crossing report", "Sign the letter on Rafah"]);
    await page.selectOption("#search-kind", "action");
    await expect.poll(() => status().textContent()).toBe("1 result for “rafah” (Actions).");
    expect(await titles()).toEqual(["Sign the letter on Rafah"]);
    expect(new URL(page.url()).searchParams.get("kind")).toBe("action");
    // The same search, shared as a link, opens filtered.
    await open("/search/?q=rafah&category=news");
    expect(await page.locator("#search-category").inputValue()).toBe("news");
    expect(await titles()).toEqual(["Rafah crossing report"]);
  });

  it("filters by topic from options loaded on demand, and by kind alone", async () => {
    await fresh();
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

  it("sorts by date either way", async () => {
    await fresh();
    await open("/search/?q=solidarity&sort=oldest");
    expect((await titles())[0]).toBe("Solidarity note 01");
    await page.selectOption("#search-sort", "newest");
    await expect.poll(async () => (await titles())[0]).toBe("Solidarity note 12");
  });

  it("never finds a draft or a scheduled item", async () => {
    await fresh();
    await open("/search/?q=zeppelinword");
    expect(await status().textContent()).toBe("No results for “zeppelinword”.");
    await open("/search/?q=quasarword");
    expect(await page.locator(".search-result").count()).toBe(0);
  });

  it("leads from the header search box to results", async () => {
    await fresh();
    await page.goto(at("/"));
    await page.fill("#site-search-q", "checkpoint");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(at("/search/?q=checkpoint"));
    await expect.poll(() => titles()).toEqual(["Rafah crossing report"]);
    expect(await page.locator("#search-q").inputValue()).toBe("checkpoint");
  });

  it("works from the keyboard: type, submit, show more, go back", async () => {
    await fresh();
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
    await searchCheckpointThenBack();
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
    await fresh();
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
    await searchCheckpointThenBack();
  });

  it("says plainly that search needs JavaScript when it is off", async () => {
    await fresh({ javaScriptEnabled: false });
    await page.goto(at("/search/?q=rafah"));
    expect(await page.locator(".search-noscript").isVisible()).toBe(true);
    expect(await page.locator(".search-noscript").textContent()).toMatch(/Search needs JavaScript/);
    expect(await page.locator("#search").isHidden()).toBe(true);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`passes axe on tag, category and search pages (${colorScheme})`, async () => {
      await fresh({ colorScheme });
      const found: string[] = [];
      for (const url of [
        "/tags/palestine/",
        "/tags/",
        "/categories/news/",
        "/categories/",
        "/search/?q=rafah",
        "/search/?q=solidarity",
      ]) {
        if (url.startsWith("/search/")) await open(url);
        else await page.goto(at(url));
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
        found.push(
          ...violations.map(
            (v) => `${url}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`,
          ),
        );
      }
      expect(found).toEqual([]);
    });
  }
});

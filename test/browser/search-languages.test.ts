import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import {
  testBrowser,
  serveAtPrefixes,
  serveSite,
  watchErrors,
  type StaticSite,
} from "../helpers/browser.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { BILINGUAL_SETTINGS as ARABIC_SETTINGS } from "../helpers/languages-site.ts";
import { searchLanguageFiles } from "../helpers/search-site.ts";
import { searchTab } from "../helpers/search-tab.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

/** The Arabic search page with results and with none: audited by axe at "/", shown the same at "/pr-7/". */
const AUDITED = ["غزة", "zeppelinword"].map((q) => `/ar/search/?q=${encodeURIComponent(q)}`);
const sites: Record<string, StaticSite> = {};
let browser: Browser;
// The reader's words and filter names sit between isolates in the Arabic strings (src/i18n/ar.yml).
const isolated = (text: string) => `\u2068${text}\u2069`;

beforeAll(async () => {
  const files = { ...searchLanguageFiles(), "articles/banner.jpg": await makeJpeg(960, 640) };
  // Built or waited for (builds shared with other files) while Chromium starts.
  const [atPrefixes, preview] = await Promise.all([
    serveAtPrefixes(files, ARABIC_SETTINGS, ["/", "/pr-7/"]),
    sharedBuild(files, ARABIC_SETTINGS, { preview: true }),
    testBrowser().then((launched) => (browser = launched)),
  ]);
  Object.assign(sites, atPrefixes);
  expect(preview.code, preview.stderr).toBe(0);
  sites.preview = await serveSite(preview.out);
}, 300_000);

afterAll(async () => {
  await Promise.all(Object.values(sites).map((site) => site.close()));
});

describe.each(["/", "/pr-7/"])("search in two languages served at %s", (prefix) => {
  const tab = searchTab(
    () => browser,
    () => sites[prefix]!,
  );
  const { at, open, status, titles } = tab;
  let page: Page;
  const fresh = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    page = await tab.fresh(options);
  };

  it("finds an Arabic word on /ar/search/ in the Arabic item, not the English one", async () => {
    await fresh();
    await open(`/ar/search/?q=${encodeURIComponent("مدرسة")}`);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await status().textContent()).toBe(`نتيجة واحدة عن «${isolated("مدرسة")}».`);
    expect(await titles()).toEqual(["مدارس غزة تحت الحصار"]);
    const link = page.locator(".search-result__title a");
    expect(await link.getAttribute("href")).toBe(`${prefix}ar/articles/gaza-schools/`);
    expect(await page.locator("label[for=search-q]").textContent()).toBe("ابحث عن");
    await link.click();
    await page.waitForURL(at("/ar/articles/gaza-schools/"), { timeout: 60_000 });
    expect(await page.locator("h1").textContent()).toBe("مدارس غزة تحت الحصار");
  });

  it("leads from an Arabic page's header search box to the Arabic search", async () => {
    await fresh();
    await page.goto(at("/ar/"));
    await page.fill("#site-search-q", "غزة");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(at(`/ar/search/?q=${encodeURIComponent("غزة")}`), { timeout: 60_000 });
    await expect.poll(() => titles(), { timeout: 60_000 }).toHaveLength(3);
    expect(await page.locator("#search-q").inputValue()).toBe("غزة");
  });

  it("finds the same word on /search/ in the English item only", async () => {
    await fresh();
    await open(`/search/?q=${encodeURIComponent("مدرسة")}`);
    expect(await titles()).toEqual(["A letter from a school"]);
    expect(await status().textContent()).toBe("1 result for “مدرسة”.");
    await open("/search/?q=checkpoint");
    expect(await titles()).toEqual(["Rafah crossing report"]);
  });

  // The same script, strings and styles at any prefix: what does not depend on the prefix is checked at "/" only.
  if (prefix === "/") {
    it("counts in Arabic plurals and digits, and names its filters in Arabic", async () => {
      await fresh();
      await open(`/ar/search/?q=${encodeURIComponent("غزة")}`);
      expect(await status().textContent()).toBe(`٣ نتائج عن «${isolated("غزة")}».`);
      await page.selectOption("#search-kind", "article");
      await expect
        .poll(() => status().textContent(), { timeout: 60_000 })
        .toBe(`نتيجتان عن «${isolated("غزة")}» (مقالات).`);
      await page.selectOption("#search-category", "campaign");
      await expect
        .poll(() => status().textContent(), { timeout: 60_000 })
        .toBe(
          `لا نتائج عن «${isolated("غزة")}» (مقالات، في ${isolated("حملات")}). جرِّب إزالة أحد المرشِّحات.`,
        );
      // Topics come from the Arabic index only, counted in Arabic digits.
      await page.locator("#search-tag").focus();
      await expect
        .poll(() => page.locator("#search-tag option").allTextContents(), { timeout: 60_000 })
        .toEqual(["أي موضوع", `${isolated("تعليم")} (١)`, `${isolated("غزة")} (٢)`]);
    });

    it("puts the filters beside the results on the reading side's end: left in Arabic, right in English", async () => {
      await fresh({ viewport: { width: 1280, height: 900 } });
      const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
      await open(`/ar/search/?q=${encodeURIComponent("غزة")}`);
      const [arFilters, arResults] = [await box("#search fieldset"), await box("#search-results")];
      expect(arFilters.x + arFilters.width).toBeLessThan(arResults.x);
      await open("/search/?q=rafah");
      const [enFilters, enResults] = [await box("#search fieldset"), await box("#search-results")];
      expect(enFilters.x).toBeGreaterThan(enResults.x + enResults.width);
    });

    it("passes axe on the Arabic search page with results and with none, light and dark", async () => {
      await fresh();
      const found: string[] = [];
      for (const url of AUDITED) {
        await open(url);
        found.push(...(await auditBothSchemes(page, url)));
      }
      expect(found).toEqual([]);
    });
  } else {
    it("renders the audited Arabic search pages as at / but for the prefix, so their audit at / holds here", async () => {
      await fresh();
      const markup = async (site: StaticSite, url: string) => {
        await page.goto(`${site.url}${url.slice(1)}`);
        await expect.poll(() => status().textContent(), { timeout: 60_000 }).not.toBe("");
        return page.evaluate(() => document.documentElement.outerHTML);
      };
      for (const url of AUDITED) {
        const here = (await markup(sites[prefix]!, url)).replaceAll(prefix, "/");
        expect(here, url).toBe(await markup(sites["/"]!, url));
      }
    });
  }
});

describe("a preview's search", () => {
  it("marks drafts and scheduled items in the page's language", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const badges = async (url: string) => {
      await page.goto(`${sites.preview!.url}${url.slice(1)}`);
      await expect
        .poll(() => page.locator("#search-status").textContent(), { timeout: 60_000 })
        .not.toBe("");
      return page.locator(".search-result .badge").allTextContents();
    };
    expect(await badges(`/ar/search/?q=${encodeURIComponent("زيتون")}`)).toEqual([
      "مسودة: غير منشورة",
    ]);
    expect(await badges("/search/?q=zeppelinword")).toEqual(["Draft: not published"]);
    expect(await badges("/search/?q=quasarword")).toEqual([
      "Scheduled: publishes on 10 March 2024",
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

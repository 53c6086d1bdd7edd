import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { buildFixture } from "../helpers/fixture.ts";
import { makeRtlSite } from "../helpers/languages-site.ts";

// Navigation and waits give up only after this long: the machine may be loaded.
const PATIENCE = 200_000;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

describe("Arabic pages in Chromium: right to left, mirrored, in system fonts, accessible", () => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;
  const fontBytes: string[] = [];
  // One tab opens every page in turn (a navigation is a fresh document), its errors taken page by page.
  let tab: Page;
  let tabErrors: string[];

  beforeAll(async () => {
    const build = await buildFixture(makeRtlSite(), { buildDate: "2024-02-22T15:00" });
    expect(build.code, build.stderr).toBe(0);
    [site, browser] = await Promise.all([serveSite(build.out), testBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(PATIENCE);
    context.setDefaultNavigationTimeout(PATIENCE);
    // Every font any page of this file loads: the Arabic stack is system fonts, so none may come.
    context.on("response", (response) => {
      if (response.request().resourceType() === "font") fontBytes.push(response.url());
    });
    tab = await context.newPage();
    tabErrors = watchErrors(tab);
  });

  afterAll(async () => {
    await site?.close();
  });

  /** Opens a page in the tab at this width; its errors are those seen since. */
  async function open(url: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    await tab.setViewportSize({ width, height: 900 });
    tabErrors.length = 0;
    const response = await tab.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
    expect(response?.status(), url).toBe(200);
    return { page: tab, errors: tabErrors };
  }

  /** The border box of the first element matching `selector`. */
  const box = (page: Page, selector: string): Promise<Box> =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => {
        const { left, right, top, bottom } = el.getBoundingClientRect();
        return { left, right, top, bottom };
      });

  /** The box of the text itself (not of its block) of the first element matching `selector`, and of its container's content box. */
  const textIn = (page: Page, selector: string, container: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el, containerSelector) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect();
        const outer = el.closest(containerSelector)!;
        const style = getComputedStyle(outer);
        const rect = outer.getBoundingClientRect();
        const px = (v: string) => parseFloat(v) || 0;
        return {
          text: { left: text.left, right: text.right },
          content: {
            left: rect.left + px(style.borderLeftWidth) + px(style.paddingLeft),
            right: rect.right - px(style.borderRightWidth) - px(style.paddingRight),
          },
        };
      }, container);

  /** The URL of the card in `listUrl` whose title contains `title`. */
  async function cardUrl(listUrl: string, title: string): Promise<string> {
    const { page } = await open(listUrl);
    const href = await page.locator(".card__title a", { hasText: title }).getAttribute("href");
    expect(href, `no card titled …${title}… in ${listUrl}`).toMatch(/^\//);
    return decodeURI(href!);
  }

  it("writes <html lang dir>: ar and rtl for Arabic pages, en-GB and no rtl for English ones", async () => {
    for (const [url, lang, dir] of [
      ["/ar/", "ar", "rtl"],
      ["/ar/articles/", "ar", "rtl"],
      ["/", "en-GB", "ltr"],
      ["/articles/", "en-GB", "ltr"],
    ] as const) {
      const { page } = await open(url);
      const html = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute("lang"),
        dir: document.documentElement.dir || "ltr",
        computed: getComputedStyle(document.documentElement).direction,
      }));
      expect(html, url).toEqual({ lang, dir, computed: dir });
    }
  });

  it("mirrors the header: the site title at the right and the first link right of the last in Arabic, the opposite in English", async () => {
    for (const [url, rtl] of [
      ["/ar/", true],
      ["/", false],
    ] as const) {
      const { page } = await open(url);
      const header = await box(page, ".site-header__inner");
      const title = await box(page, ".site-title");
      const nav = await box(page, ".site-nav");
      const links = await page.locator(".site-nav a").evaluateAll((as) =>
        as.map((a) => {
          const { left, right } = a.getBoundingClientRect();
          return (left + right) / 2;
        }),
      );
      expect(links.length, url).toBe(4);
      const middle = (header.left + header.right) / 2;
      const titleMiddle = (title.left + title.right) / 2;
      if (rtl) {
        expect(titleMiddle, `${url}: title right of the middle`).toBeGreaterThan(middle);
        expect(nav.right, `${url}: navigation left of the title`).toBeLessThanOrEqual(title.left);
        expect(links[0]!, `${url}: first link right of the last`).toBeGreaterThan(links.at(-1)!);
      } else {
        expect(titleMiddle, `${url}: title left of the middle`).toBeLessThan(middle);
        expect(nav.left, `${url}: navigation right of the title`).toBeGreaterThanOrEqual(
          title.right,
        );
        expect(links[0]!, `${url}: first link left of the last`).toBeLessThan(links.at(-1)!);
      }
    }
  });

  it("on a 375px phone the Arabic title sits at the header's right edge, the English one at its left", async () => {
    for (const [url, rtl] of [
      ["/ar/", true],
      ["/", false],
    ] as const) {
      const { page } = await open(url, 375);
      const { text, content } = await textIn(page, ".site-title", ".site-header__inner");
      if (rtl) {
        expect(Math.abs(content.right - text.right), url).toBeLessThan(2);
        expect(text.left - content.left, url).toBeGreaterThan(20);
      } else {
        expect(Math.abs(text.left - content.left), url).toBeLessThan(2);
        expect(content.right - text.right, url).toBeGreaterThan(20);
      }
    }
  });

  it("sets a card's text from the right in Arabic (from the left in English), and an action card's accent border on the right", async () => {
    for (const [list, actions, rtl] of [
      ["/ar/articles/", "/ar/actions/", true],
      ["/articles/", "/actions/", false],
    ] as const) {
      const { page } = await open(list);
      const { text, content } = await textIn(page, ".card__kicker", ".card");
      if (rtl) {
        expect(Math.abs(content.right - text.right), list).toBeLessThan(2);
        expect(text.left - content.left, list).toBeGreaterThan(20);
      } else {
        expect(Math.abs(text.left - content.left), list).toBeLessThan(2);
        expect(content.right - text.right, list).toBeGreaterThan(20);
      }

      const action = (await open(actions)).page;
      const borders = await action
        .locator(".card--actions")
        .first()
        .evaluate((card) => {
          const style = getComputedStyle(card);
          return {
            left: parseFloat(style.borderLeftWidth),
            right: parseFloat(style.borderRightWidth),
          };
        });
      if (rtl) expect(borders.right, actions).toBeGreaterThan(borders.left);
      else expect(borders.left, actions).toBeGreaterThan(borders.right);
    }
  });

  it("mirrors the pagination (Older to the left of the page numbers in Arabic) and the month grid (its first day at the right)", async () => {
    for (const [list, month, rtl] of [
      ["/ar/articles/", "/ar/events/2024/03/", true],
      ["/articles/", "/events/2024/03/", false],
    ] as const) {
      const { page } = await open(list);
      const older = await box(page, '.pagination a[rel="next"]');
      const current = await box(page, '.pagination a[aria-current="page"]');
      if (rtl) expect(older.right, list).toBeLessThanOrEqual(current.left);
      else expect(older.left, list).toBeGreaterThanOrEqual(current.right);

      const grid = (await open(month)).page;
      const days = await grid
        .locator(".month-grid thead th")
        .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().left));
      expect(days.length, month).toBe(7);
      if (rtl) expect(days[0]!, month).toBeGreaterThan(days[6]!);
      else expect(days[0]!, month).toBeLessThan(days[6]!);
    }
  });

  it("sets Arabic in the system Arabic faces, without letter-spacing or italic, and downloads no font", async () => {
    const url = await cardUrl("/ar/articles/", "الآلاف يعبرون");
    const { page } = await open(url);
    const arabic = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        font: style("body").fontFamily,
        quote: style(".prose blockquote").fontStyle,
        em: { style: style(".prose em").fontStyle, weight: Number(style(".prose em").fontWeight) },
        kickerSpacing: parseFloat(style(".item__kicker").letterSpacing) || 0,
        webFonts: document.fonts.size,
      };
    });
    expect(
      arabic.font.startsWith(`"SF Arabic", "Geeza Pro", "Noto Naskh Arabic"`),
      arabic.font,
    ).toBe(true);
    expect(arabic).toMatchObject({
      quote: "normal",
      em: { style: "normal" },
      kickerSpacing: 0,
      webFonts: 0,
    });
    expect(arabic.em.weight).toBeGreaterThanOrEqual(600);

    // The same rules leave English as it was: its own stack, slanted quotes and spaced kickers.
    const english = (await open("/articles/bridge-march/")).page;
    const latin = await english.evaluate(() => ({
      font: getComputedStyle(document.body).fontFamily,
      quote: getComputedStyle(document.querySelector(".prose blockquote")!).fontStyle,
      kickerSpacing: parseFloat(
        getComputedStyle(document.querySelector(".item__kicker")!).letterSpacing,
      ),
    }));
    expect(latin.font.startsWith("system-ui"), latin.font).toBe(true);
    expect(latin.quote).toBe("italic");
    expect(latin.kickerSpacing).toBeGreaterThan(0);
    expect(fontBytes, "fonts downloaded").toEqual([]);
  });

  it("shows Arabic pages on a 320px phone without sideways scrolling (right to left overflows to the left)", async () => {
    const urls = [
      "/ar/",
      "/ar/articles/",
      await cardUrl("/ar/articles/", "الآلاف يعبرون"),
      await cardUrl("/ar/actions/", "اكتبوا إلى نائبكم"),
      "/ar/events/",
      "/ar/events/2024/03/",
    ];
    for (const url of urls) {
      const { page } = await open(url, 320);
      const outside = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll("body *")]
          .filter((el) => {
            const { left, right } = el.getBoundingClientRect();
            return left < -0.5 || right > width + 0.5;
          })
          .map((el) => `${el.localName}.${el.className}`);
      });
      expect(outside, url).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBe(320);
    }
  });

  describe("axe finds no violation in light or dark", () => {
    const pages: Array<[string, () => Promise<string>]> = [
      ["Arabic home", async () => "/ar/"],
      ["Arabic article list", async () => "/ar/articles/"],
      ["Arabic translated article", () => cardUrl("/ar/articles/", "الآلاف يعبرون")],
      ["Arabic-only article with an Arabic URL", () => cardUrl("/ar/articles/", "عمال المتاحف")],
      ["Arabic action", () => cardUrl("/ar/actions/", "اكتبوا إلى نائبكم")],
      ["Arabic events", async () => "/ar/events/"],
      ["Arabic month of events", async () => "/ar/events/2024/03/"],
      ["English home with the language switcher", async () => "/"],
    ];
    for (const [kind, urlOf] of pages) {
      it(kind, async () => {
        const url = await urlOf();
        const { page, errors } = await open(url);
        const violations = await auditBothSchemes(page, url);
        expect(errors, errors.join("\n")).toEqual([]);
        expect(violations, `${url}:\n${violations.join("\n")}`).toEqual([]);
        expect(fontBytes, "fonts downloaded").toEqual([]);
      });
    }
  });
});

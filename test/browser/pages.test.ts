import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes, COLOUR_RULES, darkOnlyNonColours, runAxe } from "../helpers/axe.ts";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { builtFiles, sampleSite, urlOf } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

/** Every kind of page the foundation builds; these must always exist. */
const CORE_PAGES: Record<string, string> = {
  home: "/",
  "article list": "/articles/",
  "article list, page 2": "/articles/2/",
  "article with image, table and quote": "/articles/bridge-march/",
  "article with an event": "/articles/film-night/",
  "action list": "/actions/",
  "open action": "/actions/open-letter/",
  "closed action": "/actions/old-petition/",
  "action with an online event": "/actions/online-rally/",
  "draft (preview badge)": "/articles/draft-report/",
  "scheduled (preview badge)": "/actions/scheduled-appeal/",
  "standing page": "/about/",
  "404": "/404.html",
  "topics index": "/tags/",
  "tag page": "/tags/palestine/",
  "tag page 2": "/tags/palestine/2/",
  "categories index": "/categories/",
  "category page": "/categories/news/",
  events: "/events/",
  "month of events": "/events/2024/03/",
  "past events": "/events/past/",
  "search page": "/search/",
};

describe("every kind of page in headless Chromium, light and dark", () => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;
  let out: string;
  // One tab audits every page in turn (a navigation is a fresh document), its errors taken page by page.
  let tab: Page;
  let tabErrors: string[];

  beforeAll(async () => {
    const { files, settings } = await sampleSite();
    // A preview build holds every production page plus the banner and the draft and scheduled badges.
    const result = await sharedBuild(files, settings, { preview: true });
    expect(result.code, result.stderr).toBe(0);
    out = result.out;
    [site, browser] = await Promise.all([serveSite(out), testBrowser()]);
    context = await browser.newContext();
    tab = await context.newPage();
    tabErrors = watchErrors(tab);
  });

  afterAll(async () => {
    await site?.close();
  });

  /** Loads a page in the tab, then audits it in both colour schemes; returns its console errors and axe violations. */
  async function audit(
    url: string,
    ready?: (page: Page) => Promise<unknown>,
  ): Promise<{ errors: string[]; violations: string[]; page: Page }> {
    tabErrors.length = 0;
    await tab.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
    await ready?.(tab);
    const violations = await auditBothSchemes(tab, url);
    return { errors: [...tabErrors], violations, page: tab };
  }

  async function imagesWithoutSize(page: Page): Promise<string[]> {
    return page.$$eval("img", (imgs) =>
      imgs
        .filter((img) => !img.getAttribute("width") || !img.getAttribute("height"))
        .map((img) => img.outerHTML),
    );
  }

  for (const [kind, url] of Object.entries(CORE_PAGES)) {
    it(`${kind} (${url}): no console error, no axe violation, every <img> sized`, async () => {
      expect(builtFiles(out).map(urlOf), `the build has no ${url}`).toContain(url);
      const { errors, violations, page } = await audit(url);
      expect(errors, errors.join("\n")).toEqual([]);
      expect(violations, `axe violations:\n${violations.join("\n")}`).toEqual([]);
      expect(await imagesWithoutSize(page)).toEqual([]);
    });
  }

  it("search results (/search/?q=bridge) pass the same checks once they are shown", async () => {
    const { errors, violations, page } = await audit("/search/?q=bridge", (p) =>
      p.locator(".search-result").first().waitFor(),
    );
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    expect(errors, errors.join("\n")).toEqual([]);
    expect(violations, `axe violations:\n${violations.join("\n")}`).toEqual([]);
    expect(await imagesWithoutSize(page)).toEqual([]);
  });

  it("the schemes really differ, and axe really reports low contrast in both (the audit can fail)", async () => {
    const page = await context.newPage();
    await page.goto(new URL("articles/bridge-march/", site.url).href);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe("rgb(19, 19, 19)");
    expect(COLOUR_RULES).toEqual(["color-contrast", "link-in-text-block"]);
    // CSSOM writes are not inline style markup, so the CSP lets this test spoil the contrast in each scheme.
    const spoil = (color: string) =>
      page.evaluate(
        (c) => ((document.querySelector(".item__meta") as HTMLElement).style.color = c),
        color,
      );
    await spoil("#333");
    expect((await runAxe(page, COLOUR_RULES)).violations.map((v) => v.id)).toContain(
      "color-contrast",
    );
    await page.emulateMedia({ colorScheme: "light" });
    await spoil("#ccc");
    expect((await runAxe(page)).violations.map((v) => v.id)).toContain("color-contrast");
    // A dark-only rule that changes more than colours is caught, so colour rules suffice in the dark.
    expect(await darkOnlyNonColours(page)).toEqual([]);
    await page.evaluate(() =>
      document.styleSheets[0]!.insertRule(
        "@media (prefers-color-scheme: dark) { .site-nav { display: none; color: red } }",
      ),
    );
    expect(await darkOnlyNonColours(page)).toEqual([".site-nav { display: none }"]);
    await page.close();
  });

  it("the article page really has sized images (the size check can fail)", async () => {
    const page = await context.newPage();
    await page.goto(new URL("articles/bridge-march/", site.url).href);
    const sizes = await page.$$eval("img", (imgs) =>
      imgs.map((img) => [img.getAttribute("width"), img.getAttribute("height")]),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(sizes.every(([w, h]) => Number(w) > 0 && Number(h) > 0)).toBe(true);
    await page.close();
  });

  it("the skip link is the first stop, is visible with a focus ring when focused, and moves focus to main", async () => {
    const page = await context.newPage();
    await page.goto(new URL("articles/bridge-march/", site.url).href);
    await page.keyboard.press("Tab");
    const link = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        className: el.className,
        top: box.top,
        bottom: box.bottom,
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
      };
    });
    expect(link.className).toBe("skip-link");
    expect(link.top).toBeGreaterThanOrEqual(0);
    expect(link.bottom).toBeGreaterThan(link.top);
    expect(link.outline).not.toBe("none");
    expect(link.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  it("every link and button shows a focus ring when reached by keyboard", async () => {
    const page = await context.newPage();
    await page.goto(new URL("actions/open-letter/", site.url).href);
    const unringed: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          tag: el.outerHTML.slice(0, 80),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!state.ring) unringed.push(state.tag);
    }
    expect(unringed).toEqual([]);
    await page.close();
  });

  it("prints black on white without navigation, search or footer links, and shows external link URLs", async () => {
    const page = await context.newPage();
    await page.goto(new URL("articles/bridge-march/", site.url).href);
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    const printed = await page.evaluate(() => {
      const shown = (selector: string) =>
        getComputedStyle(document.querySelector(selector)!).display !== "none";
      const external = document.querySelector('.prose a[href^="https:"]')!;
      return {
        nav: shown(".site-nav"),
        search: shown(".site-search"),
        footerLinks: shown(".footer-links"),
        body: getComputedStyle(document.body).backgroundColor,
        after: getComputedStyle(external, "::after").content,
        internalAfter: getComputedStyle(document.querySelector('.prose a[href^="/"]')!, "::after")
          .content,
      };
    });
    expect(printed).toEqual({
      nav: false,
      search: false,
      footerLinks: false,
      body: "rgb(255, 255, 255)",
      // The URL between LRI and PDI, so it prints whole in right-to-left text too.
      after: '" (\u2066https://example.org/report\u2069)"',
      internalAfter: "none",
    });
    await page.close();
  });

  it("respects reduced motion", async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    await page.emulateMedia({ reducedMotion: "reduce" });
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior),
    ).toBe("auto");
    await page.emulateMedia({ reducedMotion: "no-preference" });
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior),
    ).toBe("smooth");
    await page.close();
  });
});

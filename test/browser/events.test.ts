import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { BUILD_DATE, eventsSiteFiles, SETTINGS } from "../helpers/events-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const PAGES = {
  "events index": "/events/",
  "month page": "/events/2024/03/",
  "past events": "/events/past/",
  "event page (in person, image)": "/articles/meeting/",
  "event page (online, all-day, multi-day)": "/articles/camp/",
};

describe("events pages in Chromium, served under /pr-7/", () => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;
  // One tab audits each page in turn (a navigation is a fresh document), its errors taken page by page.
  let tab: Page;
  let tabErrors: string[];

  beforeAll(async () => {
    const build = await sharedBuild(await eventsSiteFiles(), SETTINGS, {
      buildDate: BUILD_DATE,
      pathPrefix: "/pr-7/",
    });
    expect(build.code, build.stderr).toBe(0);
    [site, browser] = await Promise.all([serveSite(build.out, "/pr-7/"), testBrowser()]);
    context = await browser.newContext();
    tab = await context.newPage();
    tabErrors = watchErrors(tab);
  });

  afterAll(async () => {
    await site?.close();
  });

  for (const [kind, url] of Object.entries(PAGES)) {
    it(`${kind} (${url}): no console error or failed request, no axe violation in light or dark`, async () => {
      tabErrors.length = 0;
      const response = await tab.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      const violations = await auditBothSchemes(tab, url);
      expect(tabErrors, tabErrors.join("\n")).toEqual([]);
      expect(violations, violations.join("\n")).toEqual([]);
    });
  }

  it("serves every calendar link of /events/ and of an event page", async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const links: string[] = [];
    for (const url of ["events/", "articles/meeting/"]) {
      await page.goto(new URL(url, site.url).href);
      links.push(
        ...(await page.$$eval('a[href$=".ics"], link[type="text/calendar"]', (els) =>
          els.map((el) => (el as HTMLAnchorElement).href),
        )),
      );
    }
    expect(
      links.filter((l) => l.startsWith("webcal://fixture.example.org/pr-7/")).length,
    ).toBeGreaterThan(3);
    expect(links.filter((l) => l.startsWith(site.url)).length).toBeGreaterThan(5);
    // webcal:// links name the production host; their https twins are fetched here.
    for (const link of new Set(links.filter((l) => l.startsWith(site.url)))) {
      const response = await page.request.get(link);
      expect(response.status(), link).toBe(200);
      expect(response.headers()["content-type"], link).toContain("text/calendar");
      expect((await response.text()).startsWith("BEGIN:VCALENDAR\r\n"), link).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits the month grid on a 320px-wide phone, without JavaScript, with thumb-sized day links", async () => {
    const phone = await browser.newContext({
      viewport: { width: 320, height: 640 },
      javaScriptEnabled: false,
    });
    const page = await phone.newPage();
    await page.goto(new URL("events/2024/03/", site.url).href);
    // Nothing in main reaches past the viewport (the site header is site.css's business).
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("main, main *")]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(overflowing).toEqual([]);
    // Each weekday heading stays on one line.
    const headingLines = await page
      .locator(".month-grid th abbr")
      .evaluateAll((els) => els.map((el) => el.getClientRects().length));
    expect(headingLines).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const boxes = await page
      .locator(".month-grid a")
      .evaluateAll((links) =>
        links.map((a) => a.getBoundingClientRect()).map((r) => [r.width, r.height]),
      );
    expect(boxes.length).toBe(3);
    for (const [width, height] of boxes) {
      expect(width).toBeGreaterThanOrEqual(24);
      expect(height).toBeGreaterThanOrEqual(24);
    }
    // Following a day's link lands on that day's list, without JavaScript.
    await page.locator('.month-grid a[href="#day-2024-03-31"]').click();
    expect(new URL(page.url()).hash).toBe("#day-2024-03-31");
    await expect(page.locator("#day-2024-03-31").isVisible()).resolves.toBe(true);
    await phone.close();
  });
});

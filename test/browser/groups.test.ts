import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { buildFixture, makeFixture, md } from "../helpers/fixture.ts";

const group = (slug: string, fields: string) => ({
  [`groups/${slug}.md`]: md(`date: 2024-01-01\ncontact: mailto:${slug}@example.org\n${fields}`),
});
const FILES = {
  ...group(
    "bristol",
    "name: Bristol link\nkind: town-link\nplace: Bristol\nregion: south-west\nlat: 51.45\nlon: -2.59\nstatus: active\npartner:\n  place: Beit Sahour\n  governorate: Bethlehem\n  lat: 31.70\n  lon: 35.23",
  ),
  ...group(
    "bath",
    "name: Bath school link\nkind: school\nplace: Bath\nregion: south-west\nlat: 51.38\nlon: -2.36\nstatus: seeking-partner",
  ),
  ...group(
    "leeds",
    "name: Leeds link\nkind: university\nplace: Leeds\nregion: yorkshire\nlat: 53.80\nlon: -1.55\nstatus: active\npartner:\n  place: Nablus\n  governorate: Nablus\n  lat: 32.22\n  lon: 35.26",
  ),
  "articles/visit.md": md(
    "title: Visitors from Beit Sahour\ndate: 2024-02-01\ncategory: twinning\ngroup: bristol",
  ),
  "articles/other.md": md("title: Visitors elsewhere\ndate: 2024-02-02\ncategory: news"),
  "groups/seeking/camp.md": md(
    "name: A refugee camp\ndate: 2024-01-01\ngovernorate: Bethlehem\nlat: 31.72\nlon: 35.20\ncontact: https://network.example.org/",
  ),
};

let site: StaticSite;
let browser: Browser;
beforeAll(async () => {
  const result = await buildFixture(makeFixture(FILES));
  expect(result.code, result.stderr).toBe(0);
  site = await serveSite(result.out, "/");
  browser = await testBrowser();
}, 240_000);
afterAll(async () => {
  await site?.close();
});

describe("the groups directory in Chromium", () => {
  it("at 390 px: no sideways scroll, markers reached by keyboard, nothing from elsewhere, axe clean light and dark", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await page.goto(`${site.url}groups/`);
    await expect
      .poll(() => page.locator("figure.groups__map svg a").count(), { timeout: 30_000 })
      .toBe(6);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    const width = (await page.locator("figure.groups__map svg").boundingBox())!.width;
    expect(width).toBeLessThanOrEqual(390);
    // Tab until focus reaches the map, then through each of its markers.
    const focusedHrefs: string[] = [];
    for (let i = 0; i < 60 && focusedHrefs.length < 6; i++) {
      await page.keyboard.press("Tab");
      const href = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.closest("svg") ? el.getAttribute("href") : null;
      });
      if (href) focusedHrefs.push(href);
    }
    expect(focusedHrefs).toEqual([
      "/groups/leeds/",
      "/groups/leeds/",
      "/groups/bath/",
      "/groups/bristol/",
      "/groups/bristol/",
      "/groups/seeking/#camp",
    ]);
    expect([...origins]).toEqual([new URL(site.url).origin]);
    expect(await auditBothSchemes(page, "/groups/ at 390 px")).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("search narrows to a group: its page and what names it, chosen from the list or shared as a link", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const status = page.locator("#search-status");
    const titles = () => page.locator(".search-result__title a").allTextContents();
    await page.goto(`${site.url}search/?q=visitors`);
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toBe("2 results for “visitors”.");
    await page.selectOption("#search-group", "bristol");
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toBe("1 result for “visitors” (from Bristol link).");
    expect(await titles()).toEqual(["Visitors from Beit Sahour"]);
    expect(new URL(page.url()).searchParams.get("group")).toBe("bristol");
    // No query: the group's own page and everything that names it, newest first.
    await page.goto(`${site.url}search/?group=bristol`);
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toBe("2 results (from Bristol link).");
    expect(await titles()).toEqual(["Visitors from Beit Sahour", "Bristol link"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

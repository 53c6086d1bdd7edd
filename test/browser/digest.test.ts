import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditBothSchemes } from "../helpers/axe.ts";
import { testBrowser, serveSite, watchErrors, type StaticSite } from "../helpers/browser.ts";
import { DIGEST_BUILD_DATE, DIGEST_FILES, makeDigestSite } from "../helpers/digest-site.ts";
import { buildFixture } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

describe("the digest in headless Chromium", () => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // Edition 1 with a cover picture and a picture in its introduction, as an editor would add them.
    const first = DIGEST_FILES["editions/2024/001.md"]!.replace(
      "summary: Strikes and occupations.",
      "summary: Strikes and occupations.\nimage:\n  src: ./cover.jpg\n  alt: Pickets at the museum gates",
    ).replace(
      "Welcome to the **first** edition.",
      "Welcome to the **first** edition.\n\n![A banner on the picket line](./banner.jpg)",
    );
    const jpeg = await makeJpeg(1200, 800);
    const dir = makeDigestSite({
      "editions/2024/001.md": first,
      "editions/2024/cover.jpg": jpeg as unknown as string,
      "editions/2024/banner.jpg": jpeg as unknown as string,
    });
    const result = await buildFixture(dir, { buildDate: DIGEST_BUILD_DATE });
    expect(result.code, result.stderr).toBe(0);
    [site, browser] = await Promise.all([serveSite(result.out), testBrowser()]);
    context = await browser.newContext();
  });

  afterAll(async () => {
    await site?.close();
  });

  /** Opens a page, noting every request to another origin (the email must make none). */
  async function open(url: string, width: number): Promise<{ page: Page; elsewhere: string[] }> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    const elsewhere: string[] = [];
    // The email's links and pictures are absolute on the real site: serve those from this build instead.
    await page.route(
      (url) => url.origin === "https://fixture.example.org",
      async (route) => {
        const local = route.request().url().replace("https://fixture.example.org/", site.url);
        await route.fulfill({ response: await route.fetch({ url: local }) });
      },
    );
    page.on("request", (request) => {
      const origin = new URL(request.url()).origin;
      if (origin !== new URL(site.url).origin && origin !== "https://fixture.example.org")
        elsewhere.push(request.url());
    });
    await page.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
    return { page, elsewhere };
  }

  for (const width of [600, 375]) {
    it(`shows email.html at ${width} px without sideways scrolling, scripts or requests elsewhere`, async () => {
      const { page, elsewhere } = await open("/digest/1/email.html", width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      const images = await page.$$eval("img", (imgs) =>
        imgs.map((img) => ({
          alt: img.getAttribute("alt"),
          sized: !!img.getAttribute("width") && !!img.getAttribute("height"),
          loaded: img.complete && img.naturalWidth > 0,
          fits: img.getBoundingClientRect().right <= document.documentElement.clientWidth,
        })),
      );
      expect(images).toEqual([
        { alt: "Pickets at the museum gates", sized: true, loaded: true, fits: true },
        { alt: "A banner on the picket line", sized: true, loaded: true, fits: true },
      ]);
      expect(await page.locator("script").count()).toBe(0);
      expect(elsewhere).toEqual([]);
      // The preheader is in the document for inboxes, never on screen.
      expect(await page.locator(".preheader").isVisible()).toBe(false);
      await page.close();
    });
  }

  it("gives the email a dark scheme", async () => {
    const { page } = await open("/digest/1/email.html", 600);
    const background = () =>
      page.evaluate(() => getComputedStyle(document.querySelector(".container")!).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe("rgb(30, 30, 30)");
    await page.close();
  });

  describe("no console error and no axe violation, light and dark", () => {
    // One tab audits each page in turn (a navigation is a fresh document), its errors taken page by page.
    let tab: Page;
    let errors: string[];
    beforeAll(async () => {
      tab = await context.newPage();
      errors = watchErrors(tab);
    });

    for (const url of ["/digest/", "/digest/1/", "/", "/share/?text=Hello%20world"]) {
      it(url, async () => {
        errors.length = 0;
        await tab.goto(new URL(url.slice(1), site.url).href, { waitUntil: "load" });
        const violations = await auditBothSchemes(tab, url);
        expect(errors, errors.join("\n")).toEqual([]);
        expect(violations, violations.join("\n")).toEqual([]);
      });
    }
  });

  it("fills the Mastodon share page from its link and sends the reader to their server", async () => {
    const page = await context.newPage();
    await page.goto(new URL("share/?text=Sign%20now%20https%3A%2F%2Fx.org%2F", site.url).href);
    await expect
      .poll(() => page.locator("#share-text").inputValue(), { timeout: 60_000 })
      .toBe("Sign now https://x.org/");
    let target = "";
    await page.route(
      (url) => url.hostname === "social.example",
      (route) => {
        target = route.request().url();
        return route.fulfill({ body: "ok" });
      },
    );
    await page.fill("#share-server", "https://social.example/@me");
    await page.click("form[data-mastodon] button[type=submit]");
    await expect
      .poll(() => target, { timeout: 60_000 })
      .toBe("https://social.example/share?text=Sign%20now%20https%3A%2F%2Fx.org%2F");
    await page.close();
  });
});

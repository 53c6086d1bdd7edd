import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  buildFixture,
  buildFixtureCli,
  buildFixtureCommand,
  makeFixture,
  md,
  page,
  readOut,
} from "../helpers/fixture.ts";
import { listFiles } from "../helpers/files.ts";
import { readIcs } from "../helpers/ics.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

// The README's GitHub Pages case: the project site's address, path included.
const PAGES_SETTINGS = DEFAULT_SETTINGS.replace(
  "url: https://fixture.example.org",
  "url: https://owner.github.io/repo/",
);
const SITE = "https://owner.github.io/repo/";

const files = async (): Promise<Record<string, string | Buffer>> => ({
  "articles/march.md": md(
    "title: March for Gaza\ndate: 2024-02-20\ncategory: news\ntags: [فلسطين, gaza]\nimage:\n  src: ./march.jpg\n  alt: Marchers on a bridge\nevent:\n  start: 2024-03-02T12:00\n  location: Hyde Park",
    "See [the petition](/actions/petition/) and ![A banner](./march.jpg)",
  ),
  // Its pixels do not matter here, only the URLs it is published at.
  "articles/march.jpg": await makeJpeg(120, 80),
  "actions/petition.md": md(
    "title: Petition\ndate: 2024-02-10\ncategory: campaign\ncta:\n  label: Sign\n  url: https://example.org/sign",
  ),
});

const sitemapLocs = (out: string) =>
  [...readOut(out, "sitemap.xml").matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

let out: string;
let withPrefix: string;
beforeAll(async () => {
  const content = await files();
  const [plain, prefixed] = await Promise.all([
    buildFixture(makeFixture(content, PAGES_SETTINGS)),
    buildFixture(makeFixture(content, PAGES_SETTINGS), { pathPrefix: "/repo/" }),
  ]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(prefixed.code, prefixed.stderr).toBe(0);
  out = plain.out;
  withPrefix = prefixed.out;
});

describe("url with a path (GitHub Pages project site)", () => {
  it("serves every page under the path of url", () => {
    const doc = page(out, "/articles/march/");
    expect(doc.querySelector(".site-title")?.getAttribute("href")).toBe("/repo/");
    expect(doc.querySelector("link[rel=canonical]")?.getAttribute("href")).toBe(
      `${SITE}articles/march/`,
    );
    expect(doc.querySelector("meta[property='og:url']")?.getAttribute("content")).toBe(
      `${SITE}articles/march/`,
    );
    expect(doc.querySelector("meta[property='og:image']")?.getAttribute("content")).toMatch(
      /^https:\/\/owner\.github\.io\/repo\/img\/[^/]+\.jpeg$/,
    );
    const prose = doc.querySelector(".prose")!;
    expect(prose.querySelector("a")?.getAttribute("href")).toBe("/repo/actions/petition/");
    const jsonLd = JSON.parse(
      doc.querySelector("script[type='application/ld+json']")!.textContent!,
    );
    expect(jsonLd.url).toBe(`${SITE}articles/march/`);
    expect(jsonLd.publisher.url).toBe(SITE);
  });

  it("writes canonical links with the path once, on every page", () => {
    const html = listFiles(out).filter((f) => f.endsWith(".html"));
    expect(html.length).toBeGreaterThan(10);
    for (const file of html) {
      const text = readOut(out, file);
      expect(text, file).not.toContain("/repo/repo/");
      const canonical = /<link rel="canonical" href="([^"]*)"/.exec(text)?.[1];
      if (canonical) expect(canonical, file).toMatch(/^https:\/\/owner\.github\.io\/repo\//);
    }
  });

  it("writes feeds whose links read back under the path once", () => {
    const atom = parseFeed(readOut(out, "feed.xml"));
    expect(atom.url).toBe(SITE);
    expect(atom.items.map((i) => i.url)).toEqual([
      `${SITE}articles/march/`,
      `${SITE}actions/petition/`,
    ]);
    expect(atom.items[0]!.content).toContain(`href="${SITE}actions/petition/"`);
    expect(atom.items[0]!.content).toMatch(/src="https:\/\/owner\.github\.io\/repo\/img\/[^"]+"/);
    const json = JSON.parse(readOut(out, "feed.json"));
    expect(json.home_page_url).toBe(SITE);
    expect(json.feed_url).toBe(`${SITE}feed.json`);
    expect(json.items.map((i: { url: string }) => i.url)).toEqual([
      `${SITE}articles/march/`,
      `${SITE}actions/petition/`,
    ]);
    const topic = parseFeed(readOut(out, "tags/gaza/feed.xml"));
    expect(topic.url).toBe(`${SITE}tags/gaza/`);
    expect(topic.items.map((i) => i.url)).toEqual([`${SITE}articles/march/`]);
  });

  it("writes calendar feeds with the path once", () => {
    const ics = readIcs(readOut(out, "events.ics"));
    expect(ics.events.map((e) => e.url)).toEqual([`${SITE}articles/march/`]);
    expect(ics.events[0]!.description).toContain(`Details: ${SITE}articles/march/`);
  });

  it("lists every page in the sitemap under the path once, percent-encoded", () => {
    const locs = sitemapLocs(out);
    expect(locs).toContain(SITE);
    expect(locs).toContain(`${SITE}articles/march/`);
    expect(locs).toContain(`${SITE}tags/%D9%81%D9%84%D8%B3%D8%B7%D9%8A%D9%86/`);
    for (const loc of locs) {
      expect(loc).toMatch(/^https:\/\/owner\.github\.io\/repo\/[A-Za-z0-9\-._~%/]*$/);
      expect(new URL(loc).href).toBe(loc);
    }
    expect(readOut(out, "robots.txt")).toContain(`Sitemap: ${SITE}sitemap.xml`);
  });

  it("builds the same site byte for byte when --pathprefix repeats the path of url", () => {
    const files = listFiles(out);
    expect(listFiles(withPrefix)).toEqual(files);
    for (const file of files) {
      expect(
        readFileSync(path.join(withPrefix, file)).equals(readFileSync(path.join(out, file))),
        file,
      ).toBe(true);
    }
  });
});

describe("--pathprefix replaces the path of url", () => {
  it("puts a preview under its own folder, not under the path of url twice", async () => {
    const built = await buildFixtureCommand(makeFixture(await files(), PAGES_SETTINGS), {
      pathPrefix: "/repo/preview-ab12/",
      preview: true,
    });
    expect(built.code, built.stderr).toBe(0);
    const doc = page(built.out, "/articles/march/");
    expect(doc.querySelector("link[rel=canonical]")?.getAttribute("href")).toBe(
      "https://owner.github.io/repo/preview-ab12/articles/march/",
    );
    expect(doc.querySelector(".site-title")?.getAttribute("href")).toBe("/repo/preview-ab12/");
    expect(sitemapLocs(built.out)).toContain(
      "https://owner.github.io/repo/preview-ab12/articles/march/",
    );
    expect(parseFeed(readOut(built.out, "feed.xml")).items[0]!.url).toBe(
      "https://owner.github.io/repo/preview-ab12/articles/march/",
    );
  });
});

describe("a second build of the same folder in one process (the dev server)", () => {
  it("uses its own prefix and layouts, not the first build's", async () => {
    const dir = makeFixture({ "pages/about.md": md("title: About\ndate: 2021-01-01") });
    const titleLink = () => page(path.join(dir, "_site"), "/about/").querySelector(".site-title");
    expect((await buildFixture(dir)).code).toBe(0);
    expect(titleLink()?.getAttribute("href")).toBe("/");
    const again = await buildFixture(dir, { pathPrefix: "/other/" });
    expect(again.code, again.stderr).toBe(0);
    expect(titleLink()?.getAttribute("href")).toBe("/other/");
    expect(
      page(again.out, "/about/").querySelector("link[rel=canonical]")?.getAttribute("href"),
    ).toBe("https://fixture.example.org/other/about/");
  });
});

describe("deploy settings are checked before anything is built", () => {
  const PREFIX_EXPECTED =
    'a path such as /repo/ or /repo/pr-7/ (letters, digits, "-", "_", "." and "~" between single slashes)';

  let dir: string;
  beforeAll(() => {
    dir = makeFixture({ "pages/about.md": md("title: About\ndate: 2021-01-01") });
    // The last good site, as a build of this fixture left it (the test above builds the same one).
    mkdirSync(path.join(dir, "_site", "about"), { recursive: true });
    writeFileSync(path.join(dir, "_site", "about", "index.html"), "<h1>About</h1>");
    writeFileSync(path.join(dir, "_site", "index.html"), "last good site");
  });

  /** Builds over the last good _site/ and returns stderr, after checking _site/ was left alone. */
  const refused = async (
    options: { pathPrefix?: string; buildDate?: string } = {},
    build = buildFixtureCommand,
  ) => {
    const built = await build(dir, options);
    expect(built.code).toBe(1);
    expect(readOut(built.out, "index.html")).toBe("last good site");
    expect(existsSync(path.join(built.out, "about", "index.html"))).toBe(true);
    return built.stderr;
  };

  it.each([
    ["../x", 'a ".." folder'],
    ["//host/", "two slashes in a row"],
    ["/a b/", "a space"],
    ["/x?y", '"?"'],
  ])("refuses --pathprefix=%s", async (prefix, problem) => {
    expect(await refused({ pathPrefix: prefix })).toBe(
      `--pathprefix: expected ${PREFIX_EXPECTED}, got ${JSON.stringify(prefix)} (${problem})\nnothing was published.\n`,
    );
  });

  it("refuses a wrong url, language and BUILD_DATE all at once, naming each", async () => {
    const settings = DEFAULT_SETTINGS.replace(
      "url: https://fixture.example.org",
      "url: https://owner.github.io/a b/",
    ).replace("language: en-GB", "language: English");
    writeFileSync(path.join(dir, "content", "_data", "site.yml"), settings);
    // As npm runs it, in a child process: the exit code and the streams of scripts/build.ts.
    expect(await refused({ buildDate: "22/02/2024" }, buildFixtureCli)).toBe(
      [
        `content/_data/site.yml:3 → url: expected the site's address, such as https://digest.example.org or https://owner.github.io/repo/, got "https://owner.github.io/a b/" (its path has a space)`,
        `content/_data/site.yml:4 → language: expected a language tag such as en-GB, cy or ar (BCP 47), got "English"`,
        `BUILD_DATE: expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM), got "22/02/2024"`,
        "nothing was published.",
        "",
      ].join("\n"),
    );
  });
});

import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content.ts";
import { reservedBy, routes } from "../../src/lib/routes.ts";
import { SECTIONS } from "../../src/lib/schema.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../../src/lib/store.ts";
import { listFiles } from "../helpers/files.ts";
import {
  buildFixture,
  buildFixtureCommand,
  makeFixture,
  md,
  runScript,
} from "../helpers/fixture.ts";
import { sampleSite, urlOf } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const GOOD = md("title: Fine\ndate: 2024-01-01\ncategory: news");
const article = (body: string) => md("title: A\ndate: 2024-01-01\ncategory: news", body);

/** Every refusal class of the gate, each in its own file, and the exact line each must give. */
const CASES: { files: Record<string, string | Buffer>; expected: string[] }[] = [
  {
    files: { "articles/schema.md": md("title: A\ndate: 2024-02-30\ncategory: news") },
    expected: [
      'content/articles/schema.md:3 → date: expected a real date (YYYY-MM-DD), got "2024-02-30"',
    ],
  },
  {
    files: {
      "articles/to-draft.md": article("See [the draft](/articles/unfinished/)."),
      "articles/unfinished.md": md("title: U\ndate: 2024-01-01\ncategory: news\ndraft: true"),
    },
    expected: [
      'content/articles/to-draft.md:6 → body: expected a link to a published page, got "/articles/unfinished/", which is a draft (content/articles/unfinished.md); the link would be broken',
    ],
  },
  {
    files: { "articles/to-nowhere.md": article("See [nothing](/articles/nope/).") },
    expected: [
      'content/articles/to-nowhere.md:6 → body: expected a link to a page of this site, got "/articles/nope/" (no page at /articles/nope/)',
    ],
  },
  {
    files: { "articles/no-picture.md": article("![A picture](./missing.jpg)") },
    expected: [
      'content/articles/no-picture.md:6 → body: expected an image file beside the Markdown or under content/, got "./missing.jpg" (no such file)',
    ],
  },
  {
    files: {
      "notes.md": GOOD,
      "misc/x.md": GOOD,
      "misc/x.njk": "---\npermalink: /x/\n---\n{{ '<script>alert(1)</script>' | safe }}",
      "articles/x.11tydata.js": "module.exports = { layout: false };",
      // Section defaults live in the code (src/site.ts), so a section data file is code from content/ too.
      "actions/actions.11tydata.ts": "export default { layout: false };",
      "_data/extra.js": "module.exports = {};",
    },
    expected: [
      "content/_data/extra.js → file: expected only site.yml in content/_data/, got a file the site does not read (remove it)",
      "content/actions/actions.11tydata.ts → file: expected Markdown in content/articles/, content/actions/, content/pages/, content/editions/, content/groups/ or a picture (.jpg, .jpeg, .png, .gif, .webp, .avif), got a .ts file (nothing else is published: move it out of content/)",
      "content/articles/x.11tydata.js → file: expected Markdown in content/articles/, content/actions/, content/pages/, content/editions/, content/groups/ or a picture (.jpg, .jpeg, .png, .gif, .webp, .avif), got a .js file (nothing else is published: move it out of content/)",
      "content/misc/x.md → file: expected Markdown only in content/articles/, content/actions/, content/pages/, content/editions/, content/groups/, got a file outside them (move it into one, or out of content/)",
      "content/misc/x.njk → file: expected Markdown in content/articles/, content/actions/, content/pages/, content/editions/, content/groups/ or a picture (.jpg, .jpeg, .png, .gif, .webp, .avif), got a .njk file (nothing else is published: move it out of content/)",
      "content/notes.md → file: expected Markdown only in content/articles/, content/actions/, content/pages/, content/editions/, content/groups/, got a file outside them (move it into one, or out of content/)",
    ],
  },
  {
    files: {
      "articles/_notes.md": GOOD,
      "articles/a#b.md": GOOD,
      "pages/About Us.md": md("title: About\ndate: 2024-01-01"),
      "pages/café.md": md("title: Café\ndate: 2024-01-01"),
    },
    expected: [
      'content/articles/_notes.md → file name: expected a name of lower-case letters, digits and hyphens, with no accents (it is the page\'s address), got "_notes.md"; rename it notes.md',
      'content/articles/a#b.md → file name: expected a name of lower-case letters, digits and hyphens, with no accents (it is the page\'s address), got "a#b.md"; rename it a-b.md',
      'content/pages/About Us.md → file name: expected a name of lower-case letters, digits and hyphens, with no accents (it is the page\'s address), got "About Us.md"; rename it about-us.md',
      'content/pages/café.md → file name: expected a name of lower-case letters, digits and hyphens, with no accents (it is the page\'s address), got "café.md"; rename it cafe.md',
    ],
  },
  {
    files: {
      "pages/one.md": md('title: One\ndate: 2024-01-01\npermalink: "/same/"'),
      "pages/two.md": md('title: Two\ndate: 2024-01-01\npermalink: "/Same/"'),
    },
    expected: [
      'content/pages/two.md:4 → permalink: expected a URL path of lower-case letters, digits and hyphens between slashes, such as "/about/", or false, got "/Same/"',
    ],
  },
  {
    files: {
      "pages/events.md": md("title: Events\ndate: 2024-01-01"),
      "pages/pagefind.md": md("title: Pagefind\ndate: 2024-01-01"),
      "pages/icon.md": md("title: Icon\ndate: 2024-01-01\npermalink: /favicon.svg"),
      "pages/off-site.md": md("title: Off\ndate: 2024-01-01\npermalink: //host.example/x/"),
      "pages/up.md": md("title: Up\ndate: 2024-01-01\npermalink: /a/../../x/"),
      "articles/2.md": GOOD,
      "pages/topic.md": md("title: Topic\ndate: 2024-01-01\npermalink: /tags/mine/"),
    },
    expected: [
      "content/articles/2.md → URL: expected a URL of its own, got /articles/2/, where the site publishes a page of the list of articles (rename the file or set permalink:)",
      "content/pages/events.md → URL: expected a URL of its own, got /events/, where the site publishes the events calendar (rename the file or set permalink:)",
      "content/pages/icon.md:4 → permalink: expected a URL of its own, got /favicon.svg, where the site publishes the site's icon (choose another permalink)",
      'content/pages/off-site.md:4 → permalink: expected a URL path of lower-case letters, digits and hyphens between slashes, such as "/about/", or false, got "//host.example/x/"',
      "content/pages/pagefind.md → URL: expected a URL of its own, got /pagefind/, where the site publishes the search index (rename the file or set permalink:)",
      "content/pages/topic.md:4 → permalink: expected a URL of its own, got /tags/mine/, where the site publishes the topic pages (choose another permalink)",
      'content/pages/up.md:4 → permalink: expected a URL path of lower-case letters, digits and hyphens between slashes, such as "/about/", or false, got "/a/../../x/"',
    ],
  },
  {
    files: {
      "articles/outside.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ../../../../../../../../etc/passwd\n  alt: A",
      ),
      "articles/text.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./text.jpg\n  alt: A",
      ),
      "articles/text.jpg": "not a picture",
      "articles/folder.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./folder.jpg\n  alt: A",
        "![A link](./link.jpg) and ![remote](https://example.org/x.jpg) and ![inline](data:image/png;base64,AAAA)",
      ),
    },
    expected: [
      'content/articles/folder.md:6 → image.src: expected an image file beside the Markdown or under content/, got "./folder.jpg" (it is a folder, not a picture)',
      'content/articles/folder.md:9 → body: expected an image file beside the Markdown or under content/, got "./link.jpg" (it is a link to a file outside content/)',
      'content/articles/folder.md:9 → body: expected a picture saved beside the Markdown, got "https://example.org/x.jpg" (pictures from other sites or data: addresses are not shown: save the picture beside the file and use its name)',
      'content/articles/folder.md:9 → body: expected a picture saved beside the Markdown, got "data:image/png;base64,AAAA" (pictures from other sites or data: addresses are not shown: save the picture beside the file and use its name)',
      'content/articles/outside.md:6 → image.src: expected an image file beside the Markdown or under content/, got "../../../../../../../../etc/passwd" (it is outside content/)',
      'content/articles/text.md:6 → image.src: expected an image file beside the Markdown or under content/, got "./text.jpg" (it is not a JPEG, PNG, GIF, WebP or AVIF picture)',
    ],
  },
];

/** The "file:line → field: message" lines of an output, in order. */
const errorLines = (text: string) => text.split("\n").filter((line) => line.includes(" → "));

describe("one gate: check, build and the dev server refuse the same files with the same lines", () => {
  let dir: string;
  const expected = CASES.flatMap((c) => c.expected).sort();
  beforeAll(() => {
    dir = makeFixture(Object.assign({ "articles/good.md": GOOD }, ...CASES.map((c) => c.files)));
    symlinkSync("loop.md", path.join(dir, "content/articles/loop.md"));
    mkdirSync(path.join(dir, "content/articles/folder.jpg"));
    symlinkSync("/etc/hostname", path.join(dir, "content/articles/link.jpg"));
    // Markdown from outside the repository, by a link to a file or to a folder.
    const outside = makeFixture({ "articles/secret.md": GOOD });
    symlinkSync(
      path.join(outside, "content/articles/secret.md"),
      path.join(dir, "content/articles/secret.md"),
    );
    symlinkSync(
      path.join(outside, "content/articles"),
      path.join(dir, "content/articles/elsewhere"),
    );
    expected.push(
      "content/articles/elsewhere → file: expected a file or folder inside content/, got a symbolic link to a folder (put the real file here instead)",
      "content/articles/secret.md → file: expected a file or folder inside content/, got a symbolic link to a file outside content/ (put the real file here instead)",
      "content/articles/link.jpg → file: expected a file or folder inside content/, got a symbolic link to a file outside content/ (put the real file here instead)",
    );
    expected.push(
      "content/articles/loop.md → file: expected a Markdown file it can read, got one it cannot (it is a symbolic link that leads back to itself)",
    );
    expected.sort();
    // The last good site, which a refused build must leave as it was.
    mkdirSync(path.join(dir, "_site"));
    writeFileSync(path.join(dir, "_site", "index.html"), "last good site");
  });

  const siteUnchanged = () => {
    expect(readdirSync(path.join(dir, "_site"))).toEqual(["index.html"]);
    expect(readFileSync(path.join(dir, "_site", "index.html"), "utf8")).toBe("last good site");
  };

  it("npm run check lists every refusal", async () => {
    const check = await runScript(dir, "check.ts");
    expect(check.code).toBe(1);
    expect(errorLines(check.stderr).sort()).toEqual(expected);
  });

  it("a production build refuses the same, publishing nothing", async () => {
    const build = await buildFixture(dir);
    expect(build.code).toBe(1);
    expect(errorLines(build.stderr).sort()).toEqual(expected);
    siteUnchanged();
  });

  it("a preview build refuses the same, except the link to a draft (drafts are shown there)", async () => {
    const build = await buildFixture(dir, { preview: true });
    expect(build.code).toBe(1);
    expect(errorLines(build.stderr).sort()).toEqual(expected.filter((l) => !l.includes("draft")));
    siteUnchanged();
  });

  it("npm run build prints the same lines and no stack trace", async () => {
    const build = await buildFixtureCommand(dir);
    expect(build.code).toBe(1);
    expect(errorLines(build.stderr).sort()).toEqual(expected);
    expect(build.stderr).not.toMatch(/^\s+at /m);
    siteUnchanged();
  });

  it("the dev server's load (ContentStore.load) throws the same list", () => {
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    const store = new ContentStore(ctx);
    let thrown: unknown;
    try {
      store.load();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentValidationError);
    expect(errorLines((thrown as Error).message).sort()).toEqual(expected);
  });
});

describe("links alone: a whole build checks them from the pages it renders", () => {
  // With no other error (and no missing picture: rendering one fails), a whole build checks bodies' links
  // after rendering them (ContentStore.checkRenderedLinks), from the tokens their rendering parsed.
  const expected = [
    ...CASES[1]!.expected,
    ...CASES[2]!.expected,
    // A draft is not rendered in production: its body is still checked.
    'content/articles/draft-to-nowhere.md:7 → body: expected a link to a page of this site, got "/articles/gone/" (no page at /articles/gone/)',
  ].sort();
  let dir: string;
  beforeAll(() => {
    dir = makeFixture({
      "articles/good.md": GOOD,
      "articles/draft-to-nowhere.md": md(
        "title: D\ndate: 2024-01-01\ncategory: news\ndraft: true",
        "See [gone](/articles/gone/).",
      ),
      ...CASES[1]!.files,
      ...CASES[2]!.files,
    });
    mkdirSync(path.join(dir, "_site"));
    writeFileSync(path.join(dir, "_site", "index.html"), "last good site");
  });

  it("load() leaves them to checkRenderedLinks, which throws what load() throws otherwise", () => {
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    expect(() => new ContentStore(ctx).load()).toThrow(ContentValidationError);
    const deferring = new ContentStore(ctx, { linksAfterRender: true });
    deferring.load();
    let thrown: unknown;
    try {
      deferring.checkRenderedLinks(new Map());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentValidationError);
    expect(errorLines((thrown as Error).message).sort()).toEqual(expected);
  });

  it("a production build refuses what npm run check does, leaving the last site and nothing beside it", async () => {
    const check = await runScript(dir, "check.ts");
    expect(errorLines(check.stderr).sort()).toEqual(expected);
    const build = await buildFixture(dir);
    expect(build.code, build.stderr).toBe(1);
    expect(errorLines(build.stderr).sort(), build.stderr).toEqual(expected);
    expect(build.stderr).toMatch(/^3 errors were found; nothing was published/);
    expect(readdirSync(dir).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
    expect(readdirSync(path.join(dir, "_site"))).toEqual(["index.html"]);
  });
});

describe("only what was validated is built", () => {
  it("ignores hidden files and folders: never read, never published", async () => {
    const dir = makeFixture({
      "articles/good.md": GOOD,
      "articles/.hidden.md": md("title: Hidden\ndate: 2099-01-01"),
      ".drafts/x.njk": "{{ 1 + 1 }}",
      "articles/.DS_Store": "binary",
    });
    const check = await runScript(dir, "check.ts");
    expect(check.stderr).toBe("");
    const build = await buildFixture(dir);
    expect(build.code, build.stderr).toBe(0);
    const written = readdirSync(build.out, { recursive: true }).map(String);
    expect(written.filter((f) => /hidden|drafts|DS_Store/.test(f))).toEqual([]);
    expect(written).toContain(path.join("articles", "good", "index.html"));
  });
});

describe("the routes module knows every URL the build writes", () => {
  it("every file of a full build is an item's page or a route the site reserves", async () => {
    // The sample site's preview build, shared with other files that read it (html-validate).
    const { files, settings } = await sampleSite();
    const build = await sharedBuild(files, settings, { preview: true });
    expect(build.code, build.stderr).toBe(0);
    const dir = path.dirname(build.out);
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    const items = loadContent(ctx).items.map((item) => item.url);
    const urls = listFiles(build.out).map(urlOf);
    expect(urls.length).toBeGreaterThan(50);
    // An item's page, a file beside it (its event's .ics), or a URL the routes module reserves.
    // Asked as an item of the section whose folder holds it: else every URL under /articles/ counts as reserved.
    const sectionOf = (url: string) =>
      SECTIONS.find((s) => s !== "pages" && url.startsWith(routes.list(s)));
    const unknown = urls.filter(
      (url) =>
        !items.some((own) => own && (url === own || url.startsWith(own))) &&
        !reservedBy(url, sectionOf(url)),
    );
    expect(unknown).toEqual([]);
  });
});

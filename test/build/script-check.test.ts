import { existsSync, readdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotation } from "../../src/lib/annotations.ts";
import { loadContent } from "../../src/lib/content.ts";
import { SiteMap } from "../../src/lib/links.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { buildFixture, makeFixture, md, runScript } from "../helpers/fixture.ts";
import { builtFiles, makeJpeg, sampleSite, urlOf } from "../helpers/sample-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const BROKEN = `Intro with a [good link](/articles/target/) and a [missing one](/articles/nope/).

A paragraph over lines
with a [relative link](../target/), a [link to the file](./target.md),
![a picture that is not there](./missing.jpg) and ![one that is](./here.jpg),
a [link to a draft](/articles/unfinished/), [to a tag](/tags/strikes/), [a gone tag](/tags/nothing/)
and [home](/), [the list](/articles/), [a category](/categories/news/), [no category](/categories/gossip/),
[the site itself](https://fixture.example.org/about/), [the site, wrong](https://fixture.example.org/abuot/),
[outside](https://example.org/), [a fragment](#top), [mail](mailto:a@example.org), [events](/events/).
`;

describe("npm run check: links and images", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeFixture({
      "articles/here.jpg": await makeJpeg(40, 30),
      "articles/linking.md": md("title: Linking\ndate: 2024-01-05\ncategory: news", BROKEN),
      "articles/target.md": md("title: Target\ndate: 2024-01-04\ncategory: news\ntags: [Strikes]"),
      "articles/unfinished.md": md(
        "title: Unfinished\ndate: 2024-01-04\ncategory: news\ndraft: true",
        "[back](/articles/linking/)",
      ),
      "pages/about.md": md("title: About\ndate: 2024-01-01"),
    });
  });

  it("reports each broken link and missing picture at its line, and nothing else", async () => {
    const run = await runScript(dir, "check.ts");
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      'content/articles/linking.md:6 → body: expected a link to a page of this site, got "/articles/nope/" (no page at /articles/nope/)',
      'content/articles/linking.md:9 → body: expected a link to a page of this site, got "./target.md" (a Markdown file is not a page; link to the page, /articles/target/, not to its file)',
      'content/articles/linking.md:10 → body: expected an image file beside the Markdown or under content/, got "./missing.jpg" (no such file)',
      'content/articles/linking.md:11 → body: expected a link to a published page, got "/articles/unfinished/", which is a draft (content/articles/unfinished.md); the link would be broken',
      'content/articles/linking.md:11 → body: expected a link to a page of this site, got "/tags/nothing/" (no page at /tags/nothing/)',
      'content/articles/linking.md:12 → body: expected a link to a page of this site, got "/categories/gossip/" (no page at /categories/gossip/)',
      'content/articles/linking.md:13 → body: expected a link to a page of this site, got "https://fixture.example.org/abuot/" (no page at /abuot/)',
      "",
      "7 errors: fix them, then run npm run check again.",
    ]);
  });

  it("in a preview, a link to a draft is fine (drafts are shown there)", async () => {
    const run = await runScript(dir, "check.ts", [], { preview: true });
    expect(run.stderr).not.toContain("draft");
    expect(run.stderr).toContain("6 errors");
  });

  it("prints GitHub annotations on stdout when GITHUB_ACTIONS=true", async () => {
    const run = await runScript(dir, "check.ts", [], { env: { GITHUB_ACTIONS: "true" } });
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      '::error file=content/articles/linking.md,line=6,title=body::body: expected a link to a page of this site, got "/articles/nope/" (no page at /articles/nope/)',
    );
    expect(
      lines.every((l) =>
        /^::error file=content\/articles\/linking\.md,line=\d+,title=body::body: /.test(l),
      ),
    ).toBe(true);
  });

  it("annotates schema errors too, and still checks the links of the valid files", async () => {
    const bad = makeFixture({
      "actions/no-cta.md": md("title: No cta\ndate: 2024-01-01\ncategory: campaign"),
      "articles/a.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news",
        "[the action](/actions/no-cta/) and [nothing](/nothing/)",
      ),
    });
    const run = await runScript(bad, "check.ts", [], { env: { GITHUB_ACTIONS: "true" } });
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      "::error file=content/actions/no-cta.md,title=cta::cta: expected a call to action with label and url, got nothing",
      '::error file=content/articles/a.md,line=6,title=body::body: expected a link to a page of this site, got "/nothing/" (no page at /nothing/)',
    ]);
  });

  it("escapes annotation properties and data as GitHub's toolkit does", () => {
    expect(
      annotation({
        file: "content/articles/a,b:c.md",
        line: 3,
        field: "cta.url",
        message: "100% wrong\nsecond line\r",
      }),
    ).toBe(
      "::error file=content/articles/a%2Cb%3Ac.md,line=3,title=cta.url::cta.url: 100%25 wrong%0Asecond line%0D",
    );
    expect(annotation({ file: "content/x.md", field: "URL", message: "m" })).toBe(
      "::error file=content/x.md,title=URL::URL: m",
    );
  });

  it("passes a site whose links are all good", async () => {
    const good = makeFixture({
      "articles/a.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news",
        "See [b](../b/) and [about](/about/).",
      ),
      "articles/b.md": md("title: B\ndate: 2024-01-02\ncategory: news"),
      "pages/about.md": md("title: About\ndate: 2024-01-01", "[A](/articles/a/)"),
    });
    const run = await runScript(good, "check.ts");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });
});

// Regression: check worked out tag pages without standing pages' tags, which the build does give pages to.
describe("a link to a tag used only on a standing page", () => {
  const dir = makeFixture({
    "pages/twinning.md": md("title: Twinning\ndate: 2024-01-01\ntags: [twinning-links]"),
    "articles/news.md": md(
      "title: News\ndate: 2024-01-02\ncategory: news",
      "See [every twinning page](/tags/twinning-links/).",
    ),
  });

  it("is a page the build writes", async () => {
    const build = await buildFixture(dir);
    expect(build.code, build.stderr).toBe(0);
    expect(existsSync(path.join(build.out, "tags", "twinning-links", "index.html"))).toBe(true);
  });

  it("is a link npm run check accepts", async () => {
    const check = await runScript(dir, "check.ts");
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });
});

describe("check's map of the site", () => {
  it("knows every page a production build writes, so no valid link is reported", async () => {
    // The sample site's production build, shared with other files that read it (html-validate).
    const { files, settings } = await sampleSite();
    const built = await sharedBuild(files, settings);
    expect(built.code, built.stderr).toBe(0);
    const dir = path.dirname(built.out);
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    const { items } = loadContent(ctx);
    const site = new SiteMap(ctx, items, (item) => !item.draft && !item.scheduled);
    const pages = builtFiles(built.out).map(urlOf);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((url) => !site.has(url))).toEqual([]);
    // And it is not a map that accepts anything.
    expect(
      ["/articles/nope/", "/tags/nope/", "/nope/", "/articles/99/"].filter((url) => site.has(url)),
    ).toEqual([]);
    expect(readdirSync(path.join(dir, "content", "articles")).some((f) => f.endsWith(".md"))).toBe(
      true,
    );
  });
});

describe("npm run check on files it cannot read", () => {
  it("reports a symbolic-link loop and a broken link as errors, not a crash", async () => {
    const loop = makeFixture({
      "articles/fine.md": md("title: Fine\ndate: 2024-01-01\ncategory: news"),
    });
    symlinkSync("loop.md", path.join(loop, "content/articles/loop.md"));
    const broken = makeFixture({});
    symlinkSync("nowhere.md", path.join(broken, "content/articles/gone.md"));
    const [looped, missing] = await Promise.all([
      runScript(loop, "check.ts"),
      runScript(broken, "check.ts"),
    ]);
    expect(looped.code).toBe(1);
    expect(looped.stderr).toBe(
      "content/articles/loop.md → file: expected a Markdown file it can read, got one it cannot (it is a symbolic link that leads back to itself)\n\n1 error: fix them, then run npm run check again.\n",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "content/articles/gone.md → file: expected a Markdown file it can read, got one it cannot (it is missing: a broken symbolic link?)\n\n1 error: fix them, then run npm run check again.\n",
    );
  });
});

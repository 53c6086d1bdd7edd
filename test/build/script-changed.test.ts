import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffMarkdown, diffSites } from "../../src/lib/site-diff.ts";
import { buildFixture, makeFixture, md, runScript, runScriptCli } from "../helpers/fixture.ts";
import { builtFiles, urlOf } from "../helpers/sample-site.ts";

const MAIN = {
  "articles/strike-wins.md": md(
    "title: Strike wins\ndate: 2024-02-10\ncategory: news\ntags: [strikes]",
    "The strike won.",
  ),
  "articles/march-report.md": md(
    "title: March report\ndate: 2024-02-12\ncategory: news\ntags: [palestine]",
    "Thousands marched.",
  ),
  "pages/about.md": md("title: About\ndate: 2024-01-01", "About us."),
};
// The walk-through's pull request: one article's title edited, one article added in a category nothing else uses.
const PULL_REQUEST = {
  ...MAIN,
  "articles/march-report.md": md(
    "title: March in Leeds\ndate: 2024-02-12\ncategory: news\ntags: [palestine]",
    "Thousands marched.",
  ),
  "articles/film-night.md": md("title: Film night\ndate: 2024-02-15\ncategory: culture", "A film."),
};

// The two real edits: the new article, and the edited one's own page.
const EDITED = {
  url: "/articles/march-report/",
  title: "March in Leeds",
  summary: "title “March report” → “March in Leeds”; 2 words added, 1 removed",
};
// Pages that list the two: home, the article list, the category index and pages, the tag page, and
// the other article, whose "Related" cards name the edited one.
const LISTS_ONLY = [
  "/",
  "/articles/",
  "/articles/strike-wins/",
  "/categories/",
  "/categories/culture/",
  "/categories/news/",
  "/tags/palestine/",
];

describe("npm run changed", () => {
  let oldSite: string;
  let newSite: string;
  beforeAll(async () => {
    const [before, after] = await Promise.all([
      buildFixture(makeFixture(MAIN)),
      buildFixture(makeFixture(PULL_REQUEST)),
    ]);
    expect(before.code, before.stderr).toBe(0);
    expect(after.code, after.stderr).toBe(0);
    oldSite = before.out;
    newSite = after.out;
  });

  it("puts the pages whose own content changed apart from those that changed only in lists", async () => {
    // As npm runs it, in a child process (the other runs are in this one).
    const run = await runScriptCli(oldSite, "changed.ts", [oldSite, newSite, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      added: ["/articles/film-night/"],
      removed: [],
      changed: [EDITED],
      listsOnly: LISTS_ONLY,
    });
  });

  it("agrees with a byte comparison of every HTML file of the two builds", () => {
    const pages = (root: string) => new Set(builtFiles(root));
    const [before, after] = [pages(oldSite), pages(newSite)];
    const differing = [...after].filter(
      (f) =>
        before.has(f) &&
        !readFileSync(path.join(oldSite, f)).equals(readFileSync(path.join(newSite, f))),
    );
    const diff = diffSites(oldSite, newSite);
    expect([...diff.changed.map((p) => p.url), ...diff.listsOnly].sort()).toEqual(
      differing.map(urlOf).sort(),
    );
    expect(diff.added).toEqual(
      [...after]
        .filter((f) => !before.has(f))
        .map(urlOf)
        .sort(),
    );
    expect(before.size).toBeGreaterThan(8);
  });

  it("reports removed pages, and nothing for two identical builds", () => {
    expect(diffSites(newSite, oldSite)).toEqual({
      added: [],
      removed: ["/articles/film-night/"],
      changed: [
        {
          ...EDITED,
          title: "March report",
          summary: "title “March in Leeds” → “March report”; 1 word added, 2 removed",
        },
      ],
      listsOnly: LISTS_ONLY,
    });
    expect(diffSites(oldSite, oldSite)).toEqual({
      added: [],
      removed: [],
      changed: [],
      listsOnly: [],
    });
  });

  it("prints a list for a pull-request comment with links into the preview", async () => {
    const run = await runScript(oldSite, "changed.ts", [
      oldSite,
      newSite,
      "--markdown",
      "--base-url",
      "https://me.github.io/digest/pr-7/",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      [
        "9 pages differ between the two builds: 1 added, 0 removed, 1 with changed content, 7 only in lists.",
        "",
        "**Added** (1)",
        "",
        "- [`/articles/film-night/`](https://me.github.io/digest/pr-7/articles/film-night/)",
        "",
        "**Content changed** (1)",
        "",
        "- [`/articles/march-report/`](https://me.github.io/digest/pr-7/articles/march-report/) March in Leeds: title “March report” → “March in Leeds”; 2 words added, 1 removed",
        "",
        "<details>",
        "<summary>7 pages changed only in lists, cards or related links</summary>",
        "",
        "- [`/`](https://me.github.io/digest/pr-7/)",
        "- [`/articles/`](https://me.github.io/digest/pr-7/articles/)",
        "- [`/articles/strike-wins/`](https://me.github.io/digest/pr-7/articles/strike-wins/)",
        "- [`/categories/`](https://me.github.io/digest/pr-7/categories/)",
        "- [`/categories/culture/`](https://me.github.io/digest/pr-7/categories/culture/)",
        "- [`/categories/news/`](https://me.github.io/digest/pr-7/categories/news/)",
        "- [`/tags/palestine/`](https://me.github.io/digest/pr-7/tags/palestine/)",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
    const none = { added: [], removed: [], changed: [], listsOnly: [] };
    // Removed pages come before changed ones, and link nowhere (they are not in the new build).
    const removed = diffMarkdown(
      {
        ...none,
        removed: ["/old/"],
        changed: [{ url: "/a/", title: "A <b>*bold*</b>", summary: "1 word added, 0 removed" }],
      },
      "https://x.example/pr-1/",
    );
    expect(removed).toBe(
      "2 pages differ between the two builds: 0 added, 1 removed, 1 with changed content, 0 only in lists.\n\n**Removed** (1)\n\n- `/old/`\n\n**Content changed** (1)\n\n- [`/a/`](https://x.example/pr-1/a/) A &lt;b\\>\\*bold\\*&lt;/b\\>: 1 word added, 0 removed",
    );
    expect(diffMarkdown(none)).toBe("No page differs between the two builds.");
  });

  it("caps a long list so the comment stays under GitHub's size limit", () => {
    const many = Array.from({ length: 150 }, (_, n) => `/articles/a${String(n).padStart(3, "0")}/`);
    const text = diffMarkdown({ added: many, removed: [], changed: [], listsOnly: many });
    expect(text.split("\n").filter((l) => l.startsWith("- `"))).toHaveLength(200);
    expect(text.split("\n").filter((l) => l === "- …and 50 more")).toHaveLength(2);
  });

  it("prints plain text by default and refuses what it cannot compare", async () => {
    const plain = await runScript(oldSite, "changed.ts", [oldSite, newSite]);
    expect(plain.stdout).toBe(
      [
        "+ /articles/film-night/",
        "~ /articles/march-report/ March in Leeds: title “March report” → “March in Leeds”; 2 words added, 1 removed",
        "  and 7 pages changed only in lists, cards or related links: / /articles/ /articles/strike-wins/ /categories/ /categories/culture/ /categories/news/ /tags/palestine/",
        "1 added, 0 removed, 1 with changed content, 7 changed only in lists.",
        "",
      ].join("\n"),
    );
    const empty = mkdtempSync(path.join(tmpdir(), "digest-empty-"));
    mkdirSync(path.join(empty, "sub"));
    writeFileSync(path.join(empty, "sub", "index.html"), "<p>x</p>");
    cpSync(path.join(empty, "sub"), path.join(empty, "copy"), { recursive: true });
    const [missing, both, badUrl] = await Promise.all([
      runScript(oldSite, "changed.ts", [oldSite, path.join(empty, "nope")]),
      runScript(oldSite, "changed.ts", [oldSite, newSite, "--json", "--markdown"]),
      runScript(oldSite, "changed.ts", [oldSite, newSite, "--markdown", "--base-url", "pr-7"]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("is not a folder with a built site");
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("Usage: npm run changed");
    expect(badUrl.stderr).toContain(
      '--base-url: expected an absolute URL such as https://example.org/pr-7/, got "pr-7"',
    );
    expect(diffSites(path.join(empty, "sub"), path.join(empty, "copy"))).toEqual({
      added: [],
      removed: [],
      changed: [],
      listsOnly: [],
    });
  });
});

describe("npm run changed on a site with an Arabic part under /ar/", () => {
  const page = (title: string, body: string, list = "") =>
    `<!doctype html><html lang="ar" dir="rtl"><title>${title}</title><main><article data-own-content><h1>${title}</h1><p>${body}</p></article>${list}</main></html>`;
  const site = (files: Record<string, string>) => {
    const root = mkdtempSync(path.join(tmpdir(), "digest-ar-"));
    for (const [file, html] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), html);
    }
    return root;
  };
  const home = (cards: string) =>
    `<!doctype html><html lang="ar" dir="rtl"><title>الموجز</title><main><h1>الموجز</h1>${cards}</main></html>`;
  const before = {
    "index.html": home(""),
    "ar/index.html": home("<a href='/ar/articles/غزة/'>غزة</a>"),
    "ar/articles/غزة/index.html": page("مسيرة في لندن", "خرج الآلاف"),
  };
  const after = {
    ...before,
    "ar/index.html": home(
      "<a href='/ar/articles/غزة/'>غزة</a><a href='/ar/articles/بيروت/'>بيروت</a>",
    ),
    "ar/articles/غزة/index.html": page("مسيرة في ليدز", "خرج الآلاف"),
    "ar/articles/بيروت/index.html": page("بيروت", "محتجون"),
  };
  const [FSI, PDI] = ["\u2068", "\u2069"];
  const summary = `title “${FSI}مسيرة في لندن${PDI}” → “${FSI}مسيرة في ليدز${PDI}”; 1 word added, 1 removed`;

  it("lists Arabic pages by their /ar/ URLs, each Arabic title isolated so arrows and English words keep their order", async () => {
    const [oldSite, newSite] = [site(before), site(after)];
    expect(diffSites(oldSite, newSite)).toEqual({
      added: ["/ar/articles/بيروت/"],
      removed: [],
      changed: [{ url: "/ar/articles/غزة/", title: "مسيرة في ليدز", summary }],
      listsOnly: ["/ar/"],
    });
    const run = await runScript(oldSite, "changed.ts", [
      oldSite,
      newSite,
      "--markdown",
      "--base-url",
      "https://me.github.io/digest/pr-7/",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "3 pages differ between the two builds: 1 added, 0 removed, 1 with changed content, 1 only in lists.",
      "",
      "**Added** (1)",
      "",
      "- [`/ar/articles/بيروت/`](https://me.github.io/digest/pr-7/ar/articles/بيروت/)",
      "",
      "**Content changed** (1)",
      "",
      `- [\`/ar/articles/غزة/\`](https://me.github.io/digest/pr-7/ar/articles/غزة/) ${FSI}مسيرة في ليدز${PDI}: ${summary}`,
      "",
      "<details>",
      "<summary>1 page changed only in lists, cards or related links</summary>",
      "",
      "- [`/ar/`](https://me.github.io/digest/pr-7/ar/)",
      "",
      "</details>",
      "",
    ]);
  });
});

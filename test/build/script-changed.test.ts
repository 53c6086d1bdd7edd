import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffMarkdown, diffSites } from "../../src/lib/site-diff.ts";
import { buildFixture, makeFixture, md, runScript } from "../helpers/fixture.ts";
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
// The pull request: one article's body edited, one article added in a category nothing else uses.
const PULL_REQUEST = {
  ...MAIN,
  "articles/march-report.md": md(
    "title: March report\ndate: 2024-02-12\ncategory: news\ntags: [palestine]",
    "Thousands marched, and more.",
  ),
  "articles/film-night.md": md("title: Film night\ndate: 2024-02-15\ncategory: culture", "A film."),
};

// The edited page, and the pages that list the new article: home, the article list, the category
// index (its counts) and the new article's category. The edited article's card shows no body, so no
// list changes because of the edit; "About" and the tag pages stay the same.
const CHANGED = [
  "/",
  "/articles/",
  "/articles/march-report/",
  "/categories/",
  "/categories/culture/",
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

  it("lists exactly the pages whose HTML differs", async () => {
    const run = await runScript(oldSite, "changed.ts", [oldSite, newSite, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      added: ["/articles/film-night/"],
      removed: [],
      changed: CHANGED,
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
    expect(diff.changed).toEqual(differing.map(urlOf).sort());
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
      changed: CHANGED,
    });
    expect(diffSites(oldSite, oldSite)).toEqual({ added: [], removed: [], changed: [] });
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
        "6 pages differ from the main site:",
        "",
        "**Added** (1)",
        "",
        "- [`/articles/film-night/`](https://me.github.io/digest/pr-7/articles/film-night/)",
        "",
        "**Changed** (5)",
        "",
        "- [`/`](https://me.github.io/digest/pr-7/)",
        "- [`/articles/`](https://me.github.io/digest/pr-7/articles/)",
        "- [`/articles/march-report/`](https://me.github.io/digest/pr-7/articles/march-report/)",
        "- [`/categories/`](https://me.github.io/digest/pr-7/categories/)",
        "- [`/categories/culture/`](https://me.github.io/digest/pr-7/categories/culture/)",
        "",
      ].join("\n"),
    );
    const removed = diffMarkdown(
      { added: [], removed: ["/old/"], changed: [] },
      "https://x.example/pr-1/",
    );
    expect(removed).toBe("1 page differs from the main site:\n\n**Removed** (1)\n\n- `/old/`");
    expect(diffMarkdown({ added: [], removed: [], changed: [] })).toBe(
      "No page differs from the main site.",
    );
  });

  it("caps a long list so the comment stays under GitHub's size limit", () => {
    const many = Array.from({ length: 150 }, (_, n) => `/articles/a${String(n).padStart(3, "0")}/`);
    const text = diffMarkdown({ added: many, removed: [], changed: [] });
    expect(text.split("\n").filter((l) => l.startsWith("- `"))).toHaveLength(100);
    expect(text).toContain("- …and 50 more");
  });

  it("prints plain text by default and refuses what it cannot compare", async () => {
    const plain = await runScript(oldSite, "changed.ts", [oldSite, newSite]);
    expect(plain.stdout).toContain("+ /articles/film-night/\n~ /\n");
    expect(plain.stdout).toContain("1 added, 0 removed, 5 changed.");
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
    });
  });
});

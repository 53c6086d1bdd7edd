import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  describeFailure,
  errorPage,
  RELOAD_SCRIPT_URL,
  routeRequest,
  withReload,
} from "../../src/lib/dev.ts";
import { SettingsError } from "../../src/lib/site-context.ts";
import { ContentValidationError } from "../../src/lib/store.ts";

const wrapped = (error: Error) =>
  Object.assign(new Error("Problem writing Eleventy templates"), { originalError: error });

describe("describeFailure", () => {
  it("lists content errors as file:line → field lines, however deep Eleventy wrapped them", () => {
    const error = new ContentValidationError([
      {
        file: "content/articles/a.md",
        line: 3,
        field: "date",
        message: 'expected a real date, got "x"',
      },
      { file: "content/articles/b.md", field: "(file)", message: "expected front matter" },
    ]);
    expect(describeFailure(wrapped(error))).toEqual({
      title: "2 problems in the content",
      lines: [
        'content/articles/a.md:3 → date: expected a real date, got "x"',
        "content/articles/b.md → (file): expected front matter",
      ],
    });
  });

  it("lists settings errors one per line", () => {
    const error = new SettingsError(
      'content/_data/site.yml → language: expected a language tag such as en-GB, cy or ar (BCP 47), got "English"',
    );
    expect(describeFailure(error)).toEqual({
      title: "1 problem in the settings",
      lines: [
        'content/_data/site.yml → language: expected a language tag such as en-GB, cy or ar (BCP 47), got "English"',
      ],
    });
  });

  it("shows a bug in the code as its message alone, keeping the stack for the terminal", () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')\nmore");
    const problem = describeFailure(wrapped(error));
    expect(problem.title).toBe(
      "The build failed (an error in the site's code, not in the content)",
    );
    expect(problem.lines).toEqual(["Cannot read properties of undefined (reading 'x')"]);
    expect(problem.stack).toBe(error.stack);
  });
});

describe("errorPage", () => {
  it("shows each line as text, with the reload script and no stack trace", () => {
    const html = errorPage({
      title: "1 problem in the content",
      lines: ['content/a.md:2 → title: expected text, got "<script>alert(1)</script>"'],
      stack: "Error: x\n    at secret (/src/x.ts:1:1)",
    });
    const { document } = parseHTML(html);
    expect(document.querySelector("h1")?.textContent).toBe("1 problem in the content");
    expect([...document.querySelectorAll("main li")].map((li) => li.textContent)).toEqual([
      'content/a.md:2 → title: expected text, got "<script>alert(1)</script>"',
    ]);
    expect([...document.querySelectorAll("script")].map((s) => s.getAttribute("src"))).toEqual([
      RELOAD_SCRIPT_URL,
    ]);
    expect(html).not.toContain("secret");
  });
});

describe("withReload", () => {
  it("adds the reload script before the closing body tag", () => {
    expect(withReload("<html><body><p>x</p></body></html>")).toBe(
      `<html><body><p>x</p><script type="module" src="${RELOAD_SCRIPT_URL}"></script></body></html>`,
    );
    expect(withReload("<p>x</p>")).toBe(
      `<p>x</p><script type="module" src="${RELOAD_SCRIPT_URL}"></script>`,
    );
  });
});

describe("routeRequest", () => {
  const folders = new Set(["articles/x", "repo"]);
  const isFolder = (relative: string) => folders.has(relative);

  it("maps paths under the prefix to files, a folder to its index.html", () => {
    expect(routeRequest("/", "/", isFolder)).toEqual({ kind: "file", path: "index.html" });
    expect(routeRequest("/articles/x/", "/", isFolder)).toEqual({
      kind: "file",
      path: "articles/x/index.html",
    });
    expect(routeRequest("/feed.xml", "/", isFolder)).toEqual({ kind: "file", path: "feed.xml" });
    expect(routeRequest("/tags/caf%C3%A9/", "/", isFolder)).toEqual({
      kind: "file",
      path: "tags/café/index.html",
    });
    expect(routeRequest("/repo/about/", "/repo/", isFolder)).toEqual({
      kind: "file",
      path: "about/index.html",
    });
  });

  it("redirects the bare root to the prefix and a folder to its slash", () => {
    expect(routeRequest("/", "/repo/", isFolder)).toEqual({ kind: "redirect", location: "/repo/" });
    expect(routeRequest("/repo", "/repo/", isFolder)).toEqual({
      kind: "redirect",
      location: "/repo/",
    });
    expect(routeRequest("/articles/x", "/", isFolder)).toEqual({
      kind: "redirect",
      location: "/articles/x/",
    });
  });

  it("keeps requests inside the site", () => {
    expect(routeRequest("/other/", "/repo/", isFolder)).toEqual({ kind: "outside" });
    expect(routeRequest("/%2e%2e/etc/passwd", "/", isFolder)).toEqual({ kind: "outside" });
    expect(routeRequest("/a/%2E%2E/%2E%2E/x", "/", isFolder)).toEqual({ kind: "outside" });
    expect(routeRequest("/%E0%A4%A", "/", isFolder)).toEqual({ kind: "outside" });
    expect(routeRequest("/x%00y", "/", isFolder)).toEqual({ kind: "outside" });
  });
});

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseContentFile, splitFrontMatter } from "../../src/lib/content.ts";
import { loadSettings } from "../../src/lib/settings.ts";
import { repoRoot } from "../../scripts/lib/repo.ts";

describe("front matter ends only at a line that is exactly ---", () => {
  it("reads a title ending in --- whole", () => {
    const split = splitFrontMatter("---\ntitle: Foo---\ndate: 2024-01-01\n---\nBody\n");
    expect(split).toEqual({
      yaml: "title: Foo---\ndate: 2024-01-01",
      body: "Body\n",
      firstLine: 2,
    });
  });

  it("reads a block scalar holding an indented --- whole", () => {
    const raw = "---\nsummary: |\n  one\n  ---\n  two\ntitle: T\n---\nBody";
    expect(splitFrontMatter(raw).yaml).toBe("summary: |\n  one\n  ---\n  two\ntitle: T");
    expect(splitFrontMatter(raw).body).toBe("Body");
  });

  it("does not end at ---- or at --- followed by text", () => {
    expect(splitFrontMatter("---\na: 1\n----\nb: 2\n--- x\n---\nBody").yaml).toBe(
      "a: 1\n----\nb: 2\n--- x",
    );
  });

  it("accepts empty front matter, Windows line ends and a byte-order mark", () => {
    expect(splitFrontMatter("---\n---\nBody")).toEqual({ yaml: "", body: "Body", firstLine: 2 });
    expect(splitFrontMatter("\uFEFF---\r\na: 1\r\n---\r\nBody").yaml).toBe("a: 1");
    expect(splitFrontMatter("no front matter").yaml).toBeNull();
  });

  it("gives an item the whole title and the body's real first line", () => {
    const settings = loadSettings(`${repoRoot}/content`);
    const now = DateTime.fromISO("2024-02-22", { zone: settings.timezone });
    const { item, errors } = parseContentFile(
      "/site/content/articles/a.md",
      "articles",
      "---\ntitle: Foo---\ndate: 2024-01-01\ncategory: news\n---\nBody\n",
      { contentDir: "/site/content", settings, now },
    );
    expect(errors).toEqual([]);
    expect(item?.title).toBe("Foo---");
    expect(item?.bodyLine).toBe(6);
  });
});

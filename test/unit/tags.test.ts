import { describe, expect, it } from "vitest";
import { assignTagSlugs, MAX_SLUG_LENGTH, normaliseTag } from "../../src/lib/tags.ts";

describe("normaliseTag", () => {
  it("makes case and spacing variants one tag", () => {
    expect(
      new Set(
        ["Palestine", "palestine", " Palestine ", "PALESTINE", "\tpalestine\n"].map(normaliseTag),
      ),
    ).toEqual(new Set(["palestine"]));
  });

  it("collapses inner runs of space and keeps words apart", () => {
    expect(normaliseTag("  Arms   Trade ")).toBe("arms trade");
    expect(normaliseTag("arms trade")).not.toBe(normaliseTag("armstrade"));
  });

  it("keeps non-Latin tags, in one Unicode form", () => {
    expect(normaliseTag(" غزة ")).toBe("غزة");
    // "é" typed as one code point or as e + combining accent is one tag.
    expect(normaliseTag("Café")).toBe(normaliseTag("Cafe\u0301"));
  });
});

describe("assignTagSlugs", () => {
  it("gives a tag already in slug form its own name", () => {
    expect(assignTagSlugs(["palestine", "covid-19"])).toEqual(
      new Map([
        ["covid-19", "covid-19"],
        ["palestine", "palestine"],
      ]),
    );
  });

  it("gives an Arabic tag a working, non-empty slug of its own", () => {
    const slugs = assignTagSlugs(["غزة", "gaza"]);
    expect(slugs.get("غزة")).toBe("غزة");
    expect(slugs.get("gaza")).toBe("gaza");
  });

  it("never lets two different tags share a slug, whatever the order", () => {
    const tags = ["gaza city", "gaza-city", "gaza: city", "Gaza City!"];
    const slugs = assignTagSlugs(tags);
    expect(new Set(slugs.values()).size).toBe(tags.length);
    // The tag that is already the slug keeps it; the others get a distinct, stable suffix.
    expect(slugs.get("gaza-city")).toBe("gaza-city");
    expect(slugs.get("gaza city")).toMatch(/^gaza-city-[0-9a-f]{6}$/);
    expect(assignTagSlugs([...tags].reverse())).toEqual(slugs);
  });

  it("never gives an empty slug", () => {
    const slugs = assignTagSlugs(["!!!", "???", "…"]);
    expect([...slugs.values()].every((slug) => /^tag-[0-9a-f]{6}/.test(slug))).toBe(true);
    expect(new Set(slugs.values()).size).toBe(3);
  });

  it("keeps slugs short enough for a folder name, still distinct", () => {
    const long = "solidarity ".repeat(20).trim();
    const slugs = assignTagSlugs([long, `${long} again`]);
    for (const slug of slugs.values())
      expect([...slug].length).toBeLessThanOrEqual(MAX_SLUG_LENGTH + 8);
    expect(new Set(slugs.values()).size).toBe(2);
  });

  it("handles no tags", () => {
    expect(assignTagSlugs([]).size).toBe(0);
  });
});

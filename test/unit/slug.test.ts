import { describe, expect, it } from "vitest";
import { cleanName } from "../../src/lib/content-tree.ts";
import { fileSlug, MAX_FILE_SLUG, slugify } from "../../src/lib/slug.ts";
import { assignTagSlugs } from "../../src/lib/tags.ts";

describe("slugify", () => {
  it("turns spaces and punctuation into single hyphens and drops Latin accents", () => {
    expect(slugify("Arms trade: UK & Israel!")).toBe("arms-trade-uk-israel");
    expect(slugify("Café Solidarité")).toBe("cafe-solidarite");
  });

  it("spells in ASCII the Latin letters that carry no separate accent (Łódź was łodz)", () => {
    expect(slugify("Łódź")).toBe("lodz");
    expect(slugify("Øresund")).toBe("oresund");
    expect(slugify("Đakovo")).toBe("dakovo");
    expect(slugify("Straße")).toBe("strasse");
    expect(slugify("Æther Œuvre")).toBe("aether-oeuvre");
    expect(slugify("Þórshöfn")).toBe("thorshofn");
  });

  it("drops apostrophes rather than splitting the word (junta's was junta-s)", () => {
    expect(slugify("The junta's trial")).toBe("the-juntas-trial");
    expect(slugify("Workers’ rights")).toBe("workers-rights");
    expect(slugify("O‘Neill ʼ")).toBe("oneill");
  });

  it("keeps letters of other scripts", () => {
    expect(slugify("غزة")).toBe("غزة");
    expect(slugify("Україна 2024")).toBe("україна-2024");
  });

  it("keeps the marks a word of another script is written with (हिन्दी was ह-न-द)", () => {
    expect(slugify("हिन्दी समाचार")).toBe("हिन्दी-समाचार");
    expect(slugify("தமிழ்")).toBe("தமிழ்");
  });

  it("drops Arabic's optional vowel signs and tatweel, keeps hamza and madda (مُظاهرة was م-ظاهرة)", () => {
    expect(slugify("مُظاهَرةٌ وطنيّة")).toBe("مظاهرة-وطنية");
    expect(slugify("احتجاجاً")).toBe("احتجاجا");
    expect(slugify("فلسطـــين")).toBe("فلسطين");
    expect(slugify("أطفال إسرائيل آمنة")).toBe("أطفال-إسرائيل-آمنة");
  });

  it("is empty when nothing usable is left", () => {
    expect(slugify("!!!")).toBe("");
    expect(slugify("   ")).toBe("");
    expect(slugify("'’")).toBe("");
  });
});

describe("one rule for file names, the gate and tags", () => {
  const titles = ["Łódź solidarity", "The junta's trial", "Gaza: غزة", "Straße 1", "مُظاهرة"];

  it("gives `new`, the gate's clean name and a tag's URL the same slug", () => {
    for (const title of titles) {
      const slug = slugify(title);
      expect(fileSlug(title)).toBe(slug);
      expect(cleanName(`${title}.md`)).toBe(`${slug}.md`);
      expect(assignTagSlugs([title]).get(title)).toBe(slug);
    }
  });

  it("cuts a long title at a word boundary", () => {
    const slug = fileSlug("word ".repeat(40));
    expect([...slug].length).toBeLessThanOrEqual(MAX_FILE_SLUG);
    expect(slug.endsWith("word")).toBe(true);
  });
});

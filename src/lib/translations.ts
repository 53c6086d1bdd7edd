import type { ContentError, Item } from "./content.ts";
import { fieldLine } from "./content.ts";
import { didYouMean } from "./suggest.ts";

/** An item's `translationOf` as a path under content/ ("content/articles/x.md" and "articles/x.md" alike). */
const underContent = (written: string) => written.trim().replace(/^\.?\/?(content\/)?/, "");

/**
 * The translation links of every item, checked as a whole: each `translationOf` names an original in
 * the same section and another language that is no translation itself, and an original has at most
 * one translation per language. Returns the problems and, per item, its other languages' versions.
 */
export function linkTranslations(items: Item[]): {
  errors: ContentError[];
  versions: Map<Item, Item[]>;
} {
  const errors: ContentError[] = [];
  const byFile = new Map(items.map((item) => [item.file.replace(/^content\//, ""), item]));
  const families = new Map<Item, Item[]>();
  const refuse = (item: Item, message: string) =>
    errors.push({
      file: item.file,
      line: fieldLine(item.inputPath, ["translationOf"]),
      field: "translationOf",
      message,
    });
  for (const item of items) {
    if (item.translationOf === undefined) continue;
    const written = JSON.stringify(item.translationOf);
    const path = underContent(item.translationOf);
    const original = byFile.get(path);
    if (!original) {
      const hint = didYouMean(path, [...byFile.keys()]);
      refuse(
        item,
        `expected the path of the original under content/, such as ${item.file.replace(/^content\//, "")}, got ${written} (no such file)${hint}`,
      );
    } else if (original === item) {
      refuse(
        item,
        `expected the path of another file (the original), got ${written}, this file itself`,
      );
    } else if (original.section !== item.section) {
      refuse(
        item,
        `expected an original in content/${item.section}/ (a translation stays in its original's section), got ${written} in content/${original.section}/`,
      );
    } else if (original.translationOf !== undefined) {
      refuse(
        item,
        `expected the original, got ${written}, which is itself a translation (of ${JSON.stringify(underContent(original.translationOf))}): name that one`,
      );
    } else if (original.lang === item.lang) {
      refuse(
        item,
        `expected an original in another language, got ${written}, which is also in "${item.lang}" (set lang: on the translation)`,
      );
    } else {
      const family = families.get(original) ?? [];
      const twin = family.find((other) => other.lang === item.lang);
      if (twin)
        refuse(
          item,
          `expected one "${item.lang}" translation of ${written}, got two: ${twin.file} and this file (remove one, or set another lang:)`,
        );
      else families.set(original, [...family, item]);
    }
  }
  const versions = new Map<Item, Item[]>();
  for (const [original, translations] of families) {
    const all = [original, ...translations];
    for (const item of all)
      versions.set(
        item,
        all.filter((other) => other !== item),
      );
  }
  return { errors, versions };
}

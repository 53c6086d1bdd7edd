import { createHash } from "node:crypto";
import { remember } from "./cache.ts";
import { routes } from "./routes.ts";
import { slugify } from "./slug.ts";

// Thousands of items share a few hundred tags, and a locale's lower case is slow to ask for.
const normalisedTags = new Map<string, string>();

/** One form for a tag however it was typed: "Palestine", " palestine " and "PALESTINE" are one tag. */
export function normaliseTag(raw: string): string {
  return remember(normalisedTags, raw, () =>
    raw.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("und"),
  );
}

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 6);

/** Longest slug, in characters, so a folder name stays well under file-system limits in any script. */
export const MAX_SLUG_LENGTH = 60;

const shorten = (slug: string) => [...slug].slice(0, MAX_SLUG_LENGTH).join("").replace(/-+$/, "");

/**
 * Gives every tag a distinct, non-empty slug. A tag already in slug form keeps it; others take
 * it when free, and otherwise (or when nothing is left of them) get a short hash of the tag.
 */
export function assignTagSlugs(tags: Iterable<string>): Map<string, string> {
  const unique = [...new Set(tags)].sort();
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const clean = unique.filter((tag) => slugify(tag) === tag && shorten(tag) === tag);
  for (const tag of clean) {
    slugs.set(tag, tag);
    taken.add(tag);
  }
  for (const tag of unique) {
    if (slugs.has(tag)) continue;
    const base = shorten(slugify(tag));
    let slug = base && !taken.has(base) ? base : `${base || "tag"}-${shortHash(tag)}`;
    for (let n = 2; taken.has(slug); n++) slug = `${base || "tag"}-${shortHash(tag)}-${n}`;
    slugs.set(tag, slug);
    taken.add(slug);
  }
  return slugs;
}

/** The site-relative URL of a category's page (its slug is already URL-safe). */
export function categoryUrl(slug: string): string {
  return routes.category(slug);
}

/** Whether an item is listed on its tags' and category's pages: the groups directory is the groups' index. */
export const onTopicPages = (item: { section: string }): boolean => item.section !== "groups";

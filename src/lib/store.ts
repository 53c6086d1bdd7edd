import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  fieldLine,
  formatError,
  loadContent,
  parseContentFile,
  urlKey,
  resolveImagePath,
  type ContentError,
  type Item,
} from "./content.ts";
import { checkContentTree } from "./content-tree.ts";
import { checkLinks, mayHoldPicture, SiteMap, type KnownRefs } from "./links.ts";
import { pictureChecker } from "./picture-file.ts";
import { checkGroupLabels, checkGroupNames } from "./groups.ts";
import { checkShareImage } from "./share.ts";
import { linkTranslations } from "./translations.ts";
import { checkEditions, editionViews, type EditionView } from "./editions.ts";
import type { Section } from "./schema.ts";
import type { SiteContext } from "./site-context.ts";
import { slugify } from "./slug.ts";
import { assignTagSlugs } from "./tags.ts";
import { routes } from "./routes.ts";

/** By file, then line: the order npm run check prints errors in. */
const byFileAndLine = (a: ContentError, b: ContentError) =>
  a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);

export class ContentValidationError extends Error {
  constructor(
    readonly errors: ContentError[],
    /** The files that did validate, so further checks need not read everything again. */
    readonly items: Item[] = [],
  ) {
    const noun = errors.length === 1 ? "file has an error" : "errors were found";
    super(
      `${errors.length === 1 ? "1" : errors.length} ${noun}; nothing was published.\n${errors.map(formatError).join("\n")}`,
    );
    this.name = "ContentValidationError";
  }
}

/** Sections whose items render alone as the whole build renders them (the dev server's quick pass and first start; editions and groups are built from others). */
export const QUICK_SECTIONS: ReadonlySet<string> = new Set(["articles", "actions", "pages"]);

/** Everything that decides where an item is listed and linked from: a quick pass needs it unchanged. */
function placeOf(item: Item): string {
  return JSON.stringify([
    item.url,
    item.lang,
    item.date.at.toMillis(),
    item.tags,
    item.category,
    item.draft,
    item.scheduled,
    item.closed,
    item.translationOf,
    item.groupName,
    item.image?.src,
  ]);
}

/** Where `item` goes in a list sorted newest first. */
function insertionPoint(list: Item[], item: Item): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (newestFirst(list[mid]!, item) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Newest first; ties by file, so output never depends on disk order. */
export const newestFirst = (a: Item, b: Item) =>
  b.date.at.toMillis() - a.date.at.toMillis() || a.file.localeCompare(b.file);

/** The validated content of one build: loaded once, checked as a whole, shared by every plugin. */
export class ContentStore {
  #items: Item[] | null = null;
  #byPath = new Map<string, Item>();
  #published: Item[] = [];

  constructor(
    readonly ctx: SiteContext,
    /**
     * A build that renders every page: with no other error in the content, load() leaves the links and images
     * of the bodies to checkRenderedLinks(), which reads those of rendered bodies from their rendering.
     */
    readonly options: { linksAfterRender?: boolean } = {},
  ) {}

  /** What load() left to checkRenderedLinks: the site's pages and the picture check, made once. */
  #pendingLinks: { site: SiteMap; picture: (file: string) => string | null } | null = null;

  /**
   * The links and images load() left to the build, checked once it rendered the pages: `known` holds what
   * their rendering found (BodyRenderer.foundLinks), and any body not rendered is parsed here. Throws the
   * same error load() would have thrown.
   */
  checkRenderedLinks(known: KnownRefs): void {
    const pending = this.#pendingLinks;
    if (!pending || !this.#items) return;
    this.#pendingLinks = null;
    const items = this.#items;
    const errors = checkLinks(this.ctx, pending.site, items, pending.picture, {
      known,
      only: (item) => !mayHoldPicture(item),
    });
    if (errors.length > 0) throw new ContentValidationError(errors.sort(byFileAndLine), items);
  }

  /**
   * The one gate: loads and validates every file, then the links and images of every body; throws one
   * error listing every problem. npm run check, every build and the dev server all come through here.
   */
  load(): Item[] {
    if (this.#items) return this.#items;
    const { items, files, errors, frontMatter } = loadContent(this.ctx);
    this.#frontMatter = frontMatter;
    const picture = pictureChecker(this.ctx.contentDir);
    for (const item of items) {
      if (!item.image) continue;
      const problem = picture(resolveImagePath(item, item.image.src, this.ctx.contentDir));
      if (problem)
        errors.push({
          file: item.file,
          line: fieldLine(item.inputPath, ["image", "src"]),
          field: "image.src",
          message: `expected an image file beside the Markdown or under content/, got ${JSON.stringify(item.image.src)} (${problem})`,
        });
    }
    errors.push(
      ...checkContentTree(
        this.ctx.contentDir,
        this.ctx.languages.list.map((l) => l.code),
      ),
    );
    errors.push(
      ...checkEditions({
        contentDir: this.ctx.contentDir,
        siteUrl: this.ctx.settings.url,
        items,
        isVisible: (item) => this.isVisible(item),
      }),
    );
    errors.push(...checkGroupNames(items));
    errors.push(...checkGroupLabels(this.ctx.contentDir, this.ctx.settings, items));
    errors.push(...checkShareImage(this.ctx.contentDir, this.ctx.settings, picture));
    const translations = linkTranslations(items);
    errors.push(...translations.errors);
    // A whole build leaves bodies' links to checkRenderedLinks, but not pictures (rendering a missing one
    // fails) nor anything once there is another error: then every problem is listed here, at once.
    const site = new SiteMap(this.ctx, items, (item) => this.isVisible(item), files);
    const links = (only?: (item: Item) => boolean) =>
      checkLinks(this.ctx, site, items, picture, { only });
    this.#pendingLinks = null;
    if (!this.options.linksAfterRender || errors.length > 0) errors.push(...links());
    else {
      const pictures = links(mayHoldPicture);
      if (pictures.length === 0) this.#pendingLinks = { site, picture };
      else errors.push(...pictures, ...links((item) => !mayHoldPicture(item)));
    }
    errors.sort(byFileAndLine);
    if (errors.length > 0) throw new ContentValidationError(errors, items);
    this.#items = items;
    this.#byPath = new Map(items.map((item) => [item.inputPath, item]));
    this.#published = items
      .filter((item) => item.url !== false && this.isVisible(item))
      .sort(newestFirst);
    this.#versions = translations.versions;
    const { languages } = this.ctx;
    // A site in one language publishes every item in it: the same list, not a copy.
    this.#publishedIn = new Map(
      languages.multilingual
        ? languages.list.map((l) => [l.code, [] as Item[]])
        : [[languages.default.code, this.#published]],
    );
    if (languages.multilingual)
      for (const item of this.#published) this.#publishedIn.get(item.lang)?.push(item);
    return items;
  }

  #frontMatter = new Map<string, Record<string, unknown>>();
  /** The front matter load() parsed from this file, as written (Eleventy's data for it); undefined for other files. */
  frontMatter(inputPath: string): Record<string, unknown> | undefined {
    this.load();
    return this.#frontMatter.get(path.resolve(inputPath));
  }

  /**
   * The dev server's quick pass: reads one edited file again and, when it is still valid and sits where
   * it sat (same page, language, date, tags, category, state), updates its item in place, so every list
   * and cache keeps knowing it. False when anything else changed: only a whole build is right then.
   */
  refresh(inputPath: string): boolean {
    const old = this.get(inputPath);
    if (!old || !QUICK_SECTIONS.has(old.section)) return false;
    let raw: string;
    try {
      raw = readFileSync(old.inputPath, "utf8");
    } catch {
      return false;
    }
    const { item, errors, frontMatter } = parseContentFile(
      old.inputPath,
      old.section,
      raw,
      this.ctx,
    );
    if (!item || errors.length || !frontMatter || placeOf(item) !== placeOf(old)) return false;
    // A field the edit removed (a summary, a credit) must go too.
    for (const key of Object.keys(old)) if (!(key in item)) delete old[key as keyof Item];
    Object.assign(old, item);
    this.#frontMatter.set(old.inputPath, frontMatter);
    return true;
  }

  /**
   * The dev server's quick pass for a new file: added as a whole load would add it, when it is valid,
   * in a section the quick pass renders, at a URL of its own, translating nothing. False otherwise.
   */
  add(inputPath: string): boolean {
    const items = this.load();
    const file = path.resolve(inputPath);
    const section = path.relative(this.ctx.contentDir, file).split(path.sep)[0] as Section;
    if (this.#byPath.has(file) || !QUICK_SECTIONS.has(section)) return false;
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch {
      return false;
    }
    const { item, errors, frontMatter } = parseContentFile(file, section, raw, this.ctx);
    if (!item || errors.length || !frontMatter || item.url === false) return false;
    // A permalink could name a page the site writes itself; a translation links to another file.
    if (item.permalink !== undefined || item.translationOf !== undefined) return false;
    const key = urlKey(item.url);
    if (items.some((other) => other.url !== false && urlKey(other.url) === key)) return false;
    items.push(item);
    this.#byPath.set(file, item);
    this.#frontMatter.set(file, frontMatter);
    if (this.isVisible(item)) {
      for (const list of this.#listsFor(item)) list.splice(insertionPoint(list, item), 0, item);
    }
    this.#forgetDerived();
    return true;
  }

  /** The dev server's quick pass for a deleted file: the item gone from every list; null for a translation or a translated item. */
  remove(inputPath: string): Item | null {
    const item = this.get(inputPath);
    if (!item || !QUICK_SECTIONS.has(item.section) || existsSync(item.inputPath)) return null;
    if (item.translationOf !== undefined || this.#versions.get(item)?.length) return null;
    const drop = (list: Item[]) => {
      const at = list.indexOf(item);
      if (at >= 0) list.splice(at, 1);
    };
    drop(this.#items!);
    for (const list of this.#listsFor(item)) drop(list);
    this.#byPath.delete(item.inputPath);
    this.#frontMatter.delete(item.inputPath);
    this.#forgetDerived();
    return item;
  }

  /** The published lists an item belongs in: the site's, and its language's when that is another list. */
  #listsFor(item: Item): Item[][] {
    const ofLanguage = this.#publishedIn.get(item.lang);
    return ofLanguage && ofLanguage !== this.#published
      ? [this.#published, ofLanguage]
      : [this.#published];
  }

  /** What is worked out from the lists of items, worked out again when asked next. */
  #forgetDerived(): void {
    this.#tags = null;
    this.#slugs = null;
    this.#labels = null;
    this.#related = null;
    this.#editions = null;
  }

  /** Forget the last load (the dev server rebuilds after every edit). */
  reset(): void {
    this.#items = null;
    this.#forgetDerived();
  }

  #editions: EditionView[] | null = null;
  /** The published editions as their pages and emails show them, newest first. */
  get editions(): EditionView[] {
    this.#editions ??= editionViews({
      contentDir: this.ctx.contentDir,
      siteUrl: this.ctx.settings.url,
      items: this.load(),
      published: this.published,
    });
    return this.#editions;
  }

  /** One language's published editions, newest first. */
  editionsIn(code: string): EditionView[] {
    return this.editions.filter((view) => view.edition.lang === code);
  }

  /** Production shows neither drafts nor items dated after the build date; previews show both. */
  isVisible(item: Item): boolean {
    return this.ctx.preview || (!item.draft && !item.scheduled);
  }

  get(inputPath: string): Item | undefined {
    this.load();
    return this.#byPath.get(path.resolve(inputPath));
  }

  /** Every item with a page in this build, newest first. */
  get published(): Item[] {
    this.load();
    return this.#published;
  }

  #versions = new Map<Item, Item[]>();
  #publishedIn = new Map<string, Item[]>();

  /** The published items in one language, newest first. */
  publishedIn(code: string): Item[] {
    this.load();
    return this.#publishedIn.get(code) ?? [];
  }

  /** The same item in the site's other languages (published ones, with a page), in the site's order of languages. */
  translations(item: Item): Item[] {
    this.load();
    const order = this.ctx.languages.list.map((l) => l.code);
    return (this.#versions.get(item) ?? [])
      .filter((other) => other.url !== false && this.isVisible(other))
      .sort((a, b) => order.indexOf(a.lang) - order.indexOf(b.lang));
  }

  /**
   * Up to `count` other items in the same language sharing the most tags (an item of the same category
   * first among those sharing as many, then the newer), then the newest articles and actions of the
   * same category sharing none.
   */
  related(item: Item, count = 3): Item[] {
    // Runs for every page: one bit per item (rank in `published`, newest first) and each candidate's
    // number of shared tags counted 32 items at a time, in bit planes (plane p holds bit p of the count).
    // This ranks exactly as scoring 2 per shared tag, plus 1/tags for the same category, did: tags are
    // unique within an item, so the category bonus never reaches one more shared tag.
    const published = this.published;
    const index = this.#relatedIndex();
    const { words, rankOf } = index;
    const me = rankOf.get(item) ?? -1;
    const lists: { ranks: Int32Array; bits: Uint32Array | null }[] = [];
    for (const tag of item.tags) {
      const list = index.tags.get(tag);
      if (list) lists.push(list);
    }
    const n = lists.length;
    const planeCount = 32 - Math.clz32(n);
    if (this.#planes.length < planeCount * words)
      this.#planes = new Uint32Array(planeCount * words);
    const planes = this.#planes;
    planes.fill(0, 0, planeCount * words);
    // Adds one to the count of each item whose bit is set in `carry`, in word `w`.
    const add = (w: number, carry: number) => {
      for (let at = w; carry !== 0; at += words) {
        const plane = planes[at]!;
        planes[at] = plane ^ carry;
        carry &= plane;
      }
    };
    for (const { ranks, bits } of lists) {
      if (bits) for (let w = 0; w < words; w++) add(w, bits[w]!);
      else for (let i = 0; i < ranks.length; i++) add(ranks[i]! >>> 5, 1 << (ranks[i]! & 31));
    }
    const none = index.empty;
    const sameLanguage = index.languages.get(item.lang) ?? none;
    const sameCategory = me >= 0 ? index.categories[index.category[me]!]! : none;
    // Level 2k is k shared tags fewer than all, same category; 2k + 1 the same, another category.
    // Each level keeps its `count` newest items (lowest ranks, found in order); a level below the first
    // `count` found can no longer matter.
    const levels: number[][] = Array.from({ length: 2 * n }, () => []);
    const take = (found: number[], w: number, bits: number) => {
      for (let rest = bits; rest !== 0 && found.length < count; rest &= rest - 1)
        found.push((w << 5) | (31 - Math.clz32(rest & -rest)));
    };
    const meWord = me >= 0 ? me >>> 5 : -1;
    const notMe = ~(1 << (me & 31));
    let reach = 2 * n;
    for (let w = 0; w < words && reach > 0 && levels[0]!.length < count; w++) {
      let shared = 0;
      for (let p = 0; p < planeCount; p++) shared |= planes[p * words + w]!;
      shared &= sameLanguage[w]!;
      if (w === meWord) shared &= notMe;
      if (shared === 0) continue;
      for (let level = 0; level < reach; level += 2) {
        const k = n - level / 2;
        let exact = shared;
        for (let p = 0; p < planeCount; p++) {
          const plane = planes[p * words + w]!;
          exact &= (k >>> p) & 1 ? plane : ~plane;
        }
        if (exact === 0) continue;
        const same = exact & sameCategory[w]!;
        take(levels[level]!, w, same);
        take(levels[level + 1]!, w, exact & ~same);
        let seen = 0;
        for (let l = 0; l < reach; l++) {
          seen += levels[l]!.length;
          if (seen >= count) reach = l + 1;
        }
      }
    }
    const ranked: Item[] = [];
    for (const found of levels)
      for (const rank of found) if (ranked.length < count) ranked.push(published[rank]!);
    const fallback = item.category ? index.fallback.get(item.category) : undefined;
    for (let w = 0; fallback && w < words && ranked.length < count; w++) {
      let shared = 0;
      for (let p = 0; p < planeCount; p++) shared |= planes[p * words + w]!;
      let rest = fallback[w]! & sameLanguage[w]! & ~shared;
      if (w === meWord) rest &= notMe;
      for (; rest !== 0 && ranked.length < count; rest &= rest - 1)
        ranked.push(published[(w << 5) | (31 - Math.clz32(rest & -rest))]!);
    }
    return ranked;
  }

  #planes = new Uint32Array(0);
  #related: {
    /** 32 items to a word. */
    words: number;
    /** Each tag's items (newest first); with a bit per item too when it has enough of them. */
    tags: Map<string, { ranks: Int32Array; bits: Uint32Array | null }>;
    /** Each item's category, as an index in `categories`. */
    category: Int32Array;
    /** The items of each category (undefined too), by index. */
    categories: Uint32Array[];
    /** Articles and actions of each category: the fallback when too few items share a tag. */
    fallback: Map<string, Uint32Array>;
    languages: Map<string, Uint32Array>;
    empty: Uint32Array;
    rankOf: Map<Item, number>;
  } | null = null;
  #relatedIndex() {
    if (this.#related) return this.#related;
    const published = this.published;
    const words = (published.length + 31) >>> 5;
    const bitsOf = (ranks: Iterable<number>) => {
      const bits = new Uint32Array(words);
      for (const rank of ranks) bits[rank >>> 5]! |= 1 << (rank & 31);
      return bits;
    };
    const rankOf = new Map(published.map((item, rank) => [item, rank]));
    const categoryIds = new Map<string | undefined, number>();
    const category = Int32Array.from(published, (item) => {
      if (!categoryIds.has(item.category)) categoryIds.set(item.category, categoryIds.size);
      return categoryIds.get(item.category)!;
    });
    const grouped = (key: (item: Item) => string | undefined, keep = (_: Item) => true) => {
      const ranks = new Map<string | undefined, number[]>();
      published.forEach((item, rank) => {
        if (!keep(item)) return;
        const list = ranks.get(key(item));
        if (list) list.push(rank);
        else ranks.set(key(item), [rank]);
      });
      return new Map([...ranks].map(([k, list]) => [k, bitsOf(list)]));
    };
    const byCategory = grouped((item) => item.category);
    const categories = [...categoryIds.keys()].map((key) => byCategory.get(key)!);
    const fallback = new Map<string, Uint32Array>();
    for (const [key, bits] of grouped(
      (item) => item.category,
      (item) => item.section === "articles" || item.section === "actions",
    ))
      if (key) fallback.set(key, bits);
    const languages = new Map<string, Uint32Array>();
    for (const [key, bits] of grouped((item) => item.lang)) languages.set(key!, bits);
    // A word at a time pays off once a tag has an item in about every fourth word.
    const dense = words / 4;
    const tags = new Map(
      [...this.#tagIndex()].map(([tag, items]) => {
        const ranks = Int32Array.from(items, (item) => rankOf.get(item)!);
        return [tag, { ranks, bits: ranks.length > dense ? bitsOf(ranks) : null }];
      }),
    );
    this.#related = {
      words,
      tags,
      category,
      categories,
      fallback,
      languages,
      empty: new Uint32Array(words),
      rankOf,
    };
    return this.#related;
  }

  /** The URL slug of a tag, unique among every tag of this build (standing pages' tags too). */
  tagSlug(tag: string): string {
    if (!this.#slugs) this.#slugs = assignTagSlugs(this.published.flatMap((item) => item.tags));
    return this.#slugs.get(tag) ?? slugify(tag);
  }

  /** The site-relative URL of a tag's page. */
  tagUrl(tag: string): string {
    return routes.tag(this.tagSlug(tag));
  }

  /** How a tag is shown: the spelling editors use most ("Palestine"), the newest item's on a tie. */
  tagLabel(tag: string): string {
    if (!this.#labels) {
      const counts = new Map<string, Map<string, number>>();
      for (const item of this.published) {
        item.tags.forEach((key, i) => {
          const forms = counts.get(key) ?? new Map<string, number>();
          const form = item.tagSpellings[i] ?? key;
          forms.set(form, (forms.get(form) ?? 0) + 1);
          counts.set(key, forms);
        });
      }
      this.#labels = new Map(
        [...counts].map(([key, forms]) => [
          key,
          // Map keeps first-seen order and the sort is stable, so a tie goes to the newest item's form.
          [...forms].sort((a, b) => b[1] - a[1])[0]![0],
        ]),
      );
    }
    return this.#labels.get(tag) ?? tag;
  }

  #labels: Map<string, string> | null = null;
  #slugs: Map<string, string> | null = null;
  #tags: Map<string, Item[]> | null = null;
  #tagIndex(): Map<string, Item[]> {
    if (this.#tags) return this.#tags;
    const index = new Map<string, Item[]>();
    for (const item of this.published) {
      if (item.section === "pages" || item.section === "editions" || item.section === "groups")
        continue;
      for (const tag of item.tags) {
        const list = index.get(tag);
        if (list) list.push(item);
        else index.set(tag, [item]);
      }
    }
    this.#tags = index;
    return index;
  }
}

import { existsSync } from "node:fs";
import path from "node:path";
import { formatError, loadContent, type ContentError, type Item } from "./content.ts";
import type { SiteContext } from "./site-context.ts";
import { assignTagSlugs, slugify } from "./tags.ts";

export class ContentValidationError extends Error {
  constructor(readonly errors: ContentError[]) {
    const noun = errors.length === 1 ? "file has an error" : "errors were found";
    super(`${errors.length === 1 ? "1" : errors.length} ${noun}; nothing was published.\n${errors.map(formatError).join("\n")}`);
    this.name = "ContentValidationError";
  }
}

const newestFirst = (a: Item, b: Item) => b.date.at.toMillis() - a.date.at.toMillis() || a.file.localeCompare(b.file);

/** Where an item's image file lives: beside the Markdown, or under content/ for a path starting "/". */
export function resolveImagePath(item: Pick<Item, "inputPath">, src: string, contentDir: string): string {
  return src.startsWith("/") ? path.join(contentDir, src) : path.resolve(path.dirname(item.inputPath), src);
}

/** The validated content of one build: loaded once, checked as a whole, shared by every plugin. */
export class ContentStore {
  #items: Item[] | null = null;
  #byPath = new Map<string, Item>();
  #published: Item[] = [];

  constructor(readonly ctx: SiteContext) {}

  /** Loads and validates every file; throws one error listing every problem. */
  load(): Item[] {
    if (this.#items) return this.#items;
    const { items, errors, frontMatter } = loadContent(this.ctx);
    this.#frontMatter = frontMatter;
    for (const item of items) {
      if (item.image && !existsSync(resolveImagePath(item, item.image.src, this.ctx.contentDir))) {
        errors.push({ file: item.file, field: "image.src", message: `expected an image file beside the Markdown or under content/, got ${JSON.stringify(item.image.src)} (no such file)` });
      }
    }
    // By file, then line: the order npm run check prints them in.
    errors.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    if (errors.length > 0) throw new ContentValidationError(errors);
    this.#items = items;
    this.#byPath = new Map(items.map((item) => [item.inputPath, item]));
    this.#published = items.filter((item) => item.url !== false && this.isVisible(item)).sort(newestFirst);
    return items;
  }

  #frontMatter = new Map<string, unknown>();
  /**
   * The front matter load() parsed from this YAML text, handed over once (Eleventy owns it from then
   * on); undefined when there is none, e.g. for generated templates.
   */
  takeFrontMatter(yaml: string): unknown {
    const key = yaml.replace(/^[ \t]*\r?\n/, "");
    const data = this.#frontMatter.get(key);
    this.#frontMatter.delete(key);
    return data;
  }

  /** Forget the last load (the dev server rebuilds after every edit). */
  reset(): void {
    this.#items = null;
    this.#tags = null;
    this.#slugs = null;
    this.#ranks = null;
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

  section(section: Item["section"]): Item[] {
    return this.published.filter((item) => item.section === section);
  }

  /** Up to `count` other items sharing the most tags, then the newest of the same category. */
  related(item: Item, count = 3): Item[] {
    // Scores live in a reused array indexed by position in `published` (newest first), so ties go to the newer item.
    const published = this.published;
    const index = this.#tagRanks();
    if (this.#scores.length !== published.length) this.#scores = new Float64Array(published.length);
    const scores = this.#scores;
    const touched: number[] = [];
    for (const tag of item.tags) {
      for (const rank of index.get(tag) ?? []) {
        const other = published[rank]!;
        if (other === item) continue;
        if (scores[rank] === 0) touched.push(rank);
        scores[rank]! += 2 + (other.category === item.category ? 1 : 0) / item.tags.length;
      }
    }
    const best: number[] = [];
    for (const rank of touched) {
      let at = best.length;
      while (at > 0 && (scores[rank]! > scores[best[at - 1]!]! || (scores[rank] === scores[best[at - 1]!] && rank < best[at - 1]!))) at--;
      if (at < count) {
        best.splice(at, 0, rank);
        if (best.length > count) best.pop();
      }
    }
    for (const rank of touched) scores[rank] = 0;
    const ranked = best.map((rank) => published[rank]!);
    if (ranked.length < count && item.category) {
      const scored = new Set(touched);
      for (let rank = 0; rank < published.length && ranked.length < count; rank++) {
        const other = published[rank]!;
        if (other !== item && other.section !== "pages" && other.category === item.category && !scored.has(rank)) ranked.push(other);
      }
    }
    return ranked;
  }

  #scores = new Float64Array(0);
  #ranks: Map<string, number[]> | null = null;
  /** Each tag's items as positions in `published`, built once per load. */
  #tagRanks(): Map<string, number[]> {
    if (this.#ranks && this.#items) return this.#ranks;
    const position = new Map(this.published.map((item, rank) => [item, rank]));
    this.#ranks = new Map([...this.#tagIndex()].map(([tag, items]) => [tag, items.map((item) => position.get(item)!)]));
    return this.#ranks;
  }

  /** The URL slug of a tag, unique among every tag of this build (standing pages' tags too). */
  tagSlug(tag: string): string {
    if (!this.#slugs || !this.#items) this.#slugs = assignTagSlugs(this.published.flatMap((item) => item.tags));
    return this.#slugs.get(tag) ?? slugify(tag);
  }

  /** Every tag with its items, newest first. */
  get tags(): Map<string, Item[]> {
    return this.#tagIndex();
  }

  #slugs: Map<string, string> | null = null;
  #tags: Map<string, Item[]> | null = null;
  #tagIndex(): Map<string, Item[]> {
    if (this.#tags && this.#items) return this.#tags;
    const index = new Map<string, Item[]>();
    for (const item of this.published) {
      if (item.section === "pages") continue;
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

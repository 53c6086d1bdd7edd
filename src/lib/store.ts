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
    const { items, errors } = loadContent(this.ctx);
    for (const item of items) {
      if (item.image && !existsSync(resolveImagePath(item, item.image.src, this.ctx.contentDir))) {
        errors.push({ file: item.file, field: "image.src", message: `expected an image file beside the Markdown or under content/, got ${JSON.stringify(item.image.src)} (no such file)` });
      }
    }
    if (errors.length > 0) throw new ContentValidationError(errors);
    this.#items = items;
    this.#byPath = new Map(items.map((item) => [item.inputPath, item]));
    this.#published = items.filter((item) => item.url !== false && this.isVisible(item)).sort(newestFirst);
    return items;
  }

  /** Forget the last load (the dev server rebuilds after every edit). */
  reset(): void {
    this.#items = null;
    this.#tags = null;
    this.#slugs = null;
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
    const index = this.#tagIndex();
    const scores = new Map<Item, number>();
    for (const tag of item.tags) {
      for (const other of index.get(tag) ?? []) {
        if (other !== item) scores.set(other, (scores.get(other) ?? 0) + 2 + (other.category === item.category ? 1 : 0) / item.tags.length);
      }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || newestFirst(a[0], b[0])).map(([other]) => other);
    if (ranked.length < count && item.category) {
      for (const other of this.published) {
        if (ranked.length >= count) break;
        if (other !== item && other.section !== "pages" && other.category === item.category && !scores.has(other)) ranked.push(other);
      }
    }
    return ranked.slice(0, count);
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

import { remember } from "./cache.ts";

/**
 * Renders of a macro kept per item, page language and arguments: what an item's card shows reads only those,
 * and an item is listed on many pages (its lists, tags, category, other items' related lists).
 */
export class RenderOnce {
  #rendered = new WeakMap<object, Map<string, unknown>>();

  /** `macro(item, ...args)` as rendered the first time it was asked for `item` in `language` with `args`. */
  render(
    macro: (item: object, ...args: unknown[]) => unknown,
    item: object,
    language: string,
    args: unknown[],
  ): unknown {
    const byKey = remember(this.#rendered, item, () => new Map<string, unknown>());
    return remember(byKey, JSON.stringify([language, ...args]), () => macro(item, ...args));
  }

  /** Forgets every render (a new build: its items and settings may differ). */
  clear(): void {
    this.#rendered = new WeakMap();
  }
}

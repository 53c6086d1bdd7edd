import { remember } from "./cache.ts";

/**
 * Renders of a macro kept per item, page language and arguments: what an item's card shows reads only those,
 * and an item is listed on many pages (its lists, tags, category, other items' related lists). Parts of
 * every page that read only the page's language and their arguments (the site's header and footer) are kept
 * per name instead.
 */
export class RenderOnce {
  #rendered = new WeakMap<object, Map<string, unknown>>();
  #named = new Map<string, unknown>();

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

  /** `macro(...args)` as rendered the first time it was asked under `name` in `language` with `args`. */
  renderNamed(
    macro: (...args: unknown[]) => unknown,
    name: string,
    language: string,
    args: unknown[],
  ): unknown {
    return remember(this.#named, JSON.stringify([name, language, ...args]), () => macro(...args));
  }

  /** Forgets every render (a new build: its items and settings may differ). */
  clear(): void {
    this.#rendered = new WeakMap();
    this.#named = new Map();
  }
}

/** URL of page `pageNumber` (0-based) of a list: "/tags/x/", then "/tags/x/2/", "/tags/x/3/"… */
export function pageUrl(base: string, pageNumber: number): string {
  return pageNumber === 0 ? base : `${base}${pageNumber + 1}/`;
}

/** How many pages `count` items fill at `size` a page; an empty list still has its one page. */
export function pageCount(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

/** Page numbers (0-based) to link from page `current` of `total`: the ends and a window, null for a gap. */
export function pageWindow(current: number, total: number, radius = 2): (number | null)[] {
  const shown: (number | null)[] = [];
  for (let n = 0; n < total; n++) {
    if (n === 0 || n === total - 1 || Math.abs(n - current) <= radius) shown.push(n);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}

/** One page of a list, shaped like Eleventy's `pagination` so layouts/partials/pagination.njk can render it. */
export interface ListPage<T> {
  items: T[];
  pageNumber: number;
  /** Site-relative URL of this page. */
  url: string;
  /** One entry per page; only the length is read by the partial. */
  pages: number[];
  hrefs: string[];
  href: { previous?: string; next?: string; first: string; last: string };
}

/** Splits `items` into pages of `size` at `base`, `base` + "2/"…; an empty list still gets one page. */
export function paginate<T>(items: T[], size: number, base: string): ListPage<T>[] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`paginate: size must be a whole number of at least 1, got ${size}`);
  const total = pageCount(items.length, size);
  const hrefs = Array.from({ length: total }, (_, n) => pageUrl(base, n));
  return hrefs.map((url, n) => ({
    items: items.slice(n * size, (n + 1) * size),
    pageNumber: n,
    url,
    pages: hrefs.map((_, i) => i),
    hrefs,
    href: { previous: hrefs[n - 1], next: hrefs[n + 1], first: hrefs[0]!, last: hrefs[total - 1]! },
  }));
}

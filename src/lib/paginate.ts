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

// Eleventy 3.1's TemplateMap finds a template's entry by scanning every entry (TemplateMap.getMapEntryForInputPath),
// once per template and collection item: quadratic in pages. Upstream indexes it since (11ty/eleventy#3939); this
// is the same lookup, indexed, until a release carries it.
import { eleventyInternal, requireAsEleventy } from "./eleventy-internals.ts";

interface MapEntry {
  inputPath: string;
}
interface TemplateMapLike {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}

// Eleventy's own copy of its path helpers, so an input path is made absolute exactly as it does.
const { TemplatePath } = requireAsEleventy("@11ty/eleventy-utils") as {
  TemplatePath: { absolutePath(path: string): string };
};
const TemplateMap = await eleventyInternal<{ prototype: TemplateMapLike }>("./TemplateMap.js");

interface Index {
  /** How many entries are indexed: entries are only ever appended to the map. */
  size: number;
  /** Each input path's first position. */
  at: Map<string, number>;
  /** Input paths asked for, made absolute (a build runs in one working folder). */
  absolute: Map<string, string>;
}

const indexes = new WeakMap<MapEntry[], Index>();

function indexFor(map: MapEntry[]): Index {
  const index = indexes.get(map) ?? { size: 0, at: new Map(), absolute: new Map() };
  indexes.set(map, index);
  for (; index.size < map.length; index.size++) {
    const path = map[index.size]!.inputPath;
    if (!index.at.has(path)) index.at.set(path, index.size);
  }
  return index;
}

/** The first entry whose input path is `inputPath` or its absolute path, as the scan it replaces returns. */
export function entryForInputPath(map: MapEntry[], inputPath: string): MapEntry | undefined {
  const index = indexFor(map);
  let absolutePath = index.absolute.get(inputPath);
  if (absolutePath === undefined) {
    absolutePath = TemplatePath.absolutePath(inputPath);
    index.absolute.set(inputPath, absolutePath);
  }
  const given = index.at.get(inputPath);
  const absolute = index.at.get(absolutePath);
  const first =
    given === undefined ? absolute : absolute === undefined ? given : Math.min(given, absolute);
  return first === undefined ? undefined : map[first];
}

TemplateMap.prototype.getMapEntryForInputPath = function (this: TemplateMapLike, inputPath) {
  return entryForInputPath(this.map, inputPath);
};

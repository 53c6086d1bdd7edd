import type UserConfig from "@11ty/eleventy/UserConfig";

type Filter = (this: never, ...args: never[]) => unknown;
interface Environment {
  addFilter: (name: string, filter: Filter, isAsync?: boolean) => unknown;
}

// Each Nunjucks environment's own addFilter, and the names its direct filters hold: a later addFilter of
// one of those names is ignored.
const claimed = new WeakMap<Environment, { add: Environment["addFilter"]; names: Set<string> }>();

function claimsOf(environment: Environment) {
  const known = claimed.get(environment);
  if (known) return known;
  const own = { add: environment.addFilter.bind(environment), names: new Set<string>() };
  environment.addFilter = (name, filter, isAsync) =>
    own.names.has(name) ? environment : own.add(name, filter, isAsync);
  claimed.set(environment, own);
  return own;
}

/**
 * A filter the layouts call on every page, handed to Nunjucks as it is: Eleventy's wrappers
 * (benchmark, promise check, a copy of `page` and `eleventy` on every call) cost more than such a
 * filter does. Nunjucks calls it with its context as `this`, so it reads the page from `this.ctx`.
 * It stays the filter of that name when Eleventy adds its own and the configuration's filters, which it
 * does after this (Engines/Nunjucks.js, setLibrary): so `url` can be one too.
 * https://www.11ty.dev/docs/languages/nunjucks/#optional-use-your-nunjucks-environment
 */
export function addDirectFilter(eleventyConfig: UserConfig, name: string, filter: Filter): void {
  eleventyConfig.amendLibrary("njk", (environment: Environment) => {
    const { add, names } = claimsOf(environment);
    add(name, filter);
    names.add(name);
  });
}

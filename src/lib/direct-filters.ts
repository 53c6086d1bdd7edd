import type UserConfig from "@11ty/eleventy/UserConfig";

type Filter = (this: never, ...args: never[]) => unknown;

/**
 * A filter the layouts call on every page, handed to Nunjucks as it is: Eleventy's wrappers
 * (benchmark, promise check, a copy of `page` and `eleventy` on every call) cost more than such a
 * filter does. Nunjucks calls it with its context as `this`, so it reads the page from `this.ctx`.
 * https://www.11ty.dev/docs/languages/nunjucks/#optional-use-your-nunjucks-environment
 */
export function addDirectFilter(eleventyConfig: UserConfig, name: string, filter: Filter): void {
  eleventyConfig.amendLibrary(
    "njk",
    (environment: { addFilter: (n: string, f: Filter) => unknown }) =>
      environment.addFilter(name, filter),
  );
}

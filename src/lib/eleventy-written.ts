// Eleventy 3.1 keeps every page's final HTML after writing it: in the template's render cache and in the results
// write() returns (and hands to eleventy.after). Nothing here reads either. Dropped once the page is written, a
// 10,000-item build peaked about 100 MB lower in four pairs of builds out of five, with less garbage collection.
import { eleventyInternal } from "./eleventy-internals.ts";

interface PageEntry {
  template: { _cacheRenderedTransformsAndLayoutsPromise?: Promise<unknown> };
}
interface WriteResult {
  content?: unknown;
}
interface TemplateLike {
  _write(page: PageEntry, content: unknown): Promise<WriteResult | undefined>;
}

const Template = await eleventyInternal<{ prototype: TemplateLike }>("./Template.js");
const write = Template.prototype._write;

Template.prototype._write = async function (this: TemplateLike, page, content) {
  const result = await write.call(this, page, content);
  // Each page of a paginated template has a template of its own, so no other page reads this cache.
  delete page.template._cacheRenderedTransformsAndLayoutsPromise;
  if (result) result.content = undefined;
  return result;
};

import type MarkdownIt from "markdown-it";
import type { Item } from "./content.ts";
import type { ImagePipeline } from "./images.ts";
import { refsOfTokens, type BodyRef, type KnownRefs } from "./links.ts";
import { createMarkdown } from "./markdown.ts";

/** Editors' Markdown for pages (as Eleventy's library) and for feeds, with the site's one image pipeline. */
export class BodyRenderer {
  readonly md: InstanceType<typeof MarkdownIt>;
  // Items are new objects after every load, so a body is rendered once per build however many feeds carry it.
  #feedHtml = new WeakMap<Item, string>();

  constructor(images: ImagePipeline) {
    const { contentDir, origin } = images.options;
    const md = createMarkdown({
      pathPrefix: images.pathPrefix,
      origin,
      contentDir,
      image: (file, alt, env) => {
        if (env.absoluteUrls) {
          const big = images.largestJpeg(file);
          return `<img src="${origin + big.url}" alt="${md.utils.escapeHtml(alt)}" width="${big.width}" height="${big.height}">`;
        }
        return images.picture(file, { alt });
      },
    });
    this.md = md;
    // A page's body is searched for links as it is rendered, before its URLs are rewritten: the build
    // checks them from here (ContentStore.checkRenderedLinks) rather than parsing every body twice.
    md.core.ruler.before("site_urls", "found_links", (state) => {
      const item = this.#rendering;
      if (item)
        this.#found.set(item.inputPath, {
          body: item.body,
          refs: refsOfTokens(state.tokens, item.body, item.bodyLine),
        });
    });
  }

  #rendering: Item | null = null;
  #found = new Map<string, { body: string; refs: BodyRef[] }>();

  /** The item's body as its page shows it; its links and images are noted for foundLinks(). */
  pageHtml(item: Item, env: Parameters<BodyRenderer["md"]["render"]>[1]): string {
    this.#rendering = item;
    try {
      return this.md.render(item.body, env);
    } finally {
      this.#rendering = null;
    }
  }

  /** The links and images of every body pageHtml rendered since the last call, by path; then forgets them. */
  foundLinks(): KnownRefs {
    const found = this.#found;
    this.#found = new Map();
    return found;
  }

  /** The item's body as HTML with absolute links, for feeds. */
  feedHtml(item: Item): string {
    let html = this.#feedHtml.get(item);
    if (html === undefined) {
      html = this.md.render(item.body, { inputPath: item.inputPath, absoluteUrls: true });
      this.#feedHtml.set(item, html);
    }
    return html;
  }
}

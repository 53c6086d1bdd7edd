import type MarkdownIt from "markdown-it";
import type { Item } from "./content.ts";
import type { ImagePipeline } from "./images.ts";
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

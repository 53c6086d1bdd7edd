import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BodyRenderer } from "../lib/bodies.ts";
import type { Item } from "../lib/content.ts";
import type { ImagePipeline } from "../lib/images.ts";

export interface MarkdownOptions {
  /** The site's Markdown renderer (src/lib/bodies.ts), shared with the feeds. */
  bodies: BodyRenderer;
  /** The site's one image pipeline, shared with feeds, search and structured data. */
  images: ImagePipeline;
}

/** Markdown for editors' bodies, and their images published in modern formats with their sizes set. */
export default function markdown(eleventyConfig: UserConfig, options: MarkdownOptions) {
  const { bodies, images } = options ?? {};
  if (!bodies) throw new Error("markdown plugin: the `bodies` option is required");
  if (!images) throw new Error("markdown plugin: the `images` option is required");
  eleventyConfig.setLibrary("md", bodies.md);
  eleventyConfig.addFilter("picture", (item: Item, loading: "lazy" | "eager" = "eager") =>
    images.itemPicture(item, loading),
  );
  /** Absolute URL of the item's image at its largest, for Open Graph. */
  eleventyConfig.addFilter("imageUrl", (item: Item) => images.imageUrl(item));
}

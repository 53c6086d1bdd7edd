import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ImagePipeline } from "../lib/images.ts";
import { createMarkdown } from "../lib/markdown.ts";
import type { ContentStore } from "../lib/store.ts";
import { absoluteUrl, normalisePrefix } from "../lib/format.ts";
import { resolveImagePath, type Item } from "../lib/content.ts";

export interface MarkdownOptions {
  store?: ContentStore;
  /** Widths (px) each image is published at. */
  imageWidths?: number[];
  /** Formats, best first; the last one is the fallback. */
  imageFormats?: string[];
}

/** Markdown for editors' bodies, and images published in modern formats with their sizes set. */
export default function markdown(eleventyConfig: UserConfig, options: MarkdownOptions = {}) {
  const { store, imageWidths = [480, 960], imageFormats = ["avif", "webp", "jpeg"] } = options;
  if (!store) throw new Error("markdown plugin: the `store` option is required");
  if (!imageWidths.length || imageWidths.some((w) => !Number.isInteger(w) || w <= 0)) {
    throw new Error(
      `markdown plugin: imageWidths must be positive whole numbers, got ${JSON.stringify(imageWidths)}`,
    );
  }
  const { settings, contentDir } = store.ctx;
  const pathPrefix = normalisePrefix(eleventyConfig.pathPrefix);
  const images = new ImagePipeline({
    outputDir: "_site/img/",
    urlPath: `${pathPrefix}img/`,
    widths: imageWidths,
    formats: imageFormats,
  });

  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    images.setOutput(path.join(directories.output, "img"), `${pathPrefix}img/`);
  });
  eleventyConfig.on("eleventy.after", () => images.flush());

  const md = createMarkdown({
    pathPrefix,
    siteUrl: settings.url,
    contentDir,
    image: (file, alt, env) => {
      if (env.absoluteUrls) {
        const big = images.largestJpeg(file);
        return `<img src="${absoluteUrl(settings.url, "/", big.url)}" alt="${md.utils.escapeHtml(alt)}" width="${big.width}" height="${big.height}">`;
      }
      return images.picture(file, { alt });
    },
  });
  eleventyConfig.setLibrary("md", md);

  /** The item's body as HTML with absolute links, for feeds. */
  eleventyConfig.addFilter("bodyHtml", (item: Item) =>
    md.render(item.body, { inputPath: item.inputPath, absoluteUrls: true }),
  );
  eleventyConfig.addFilter("picture", (item: Item, loading: "lazy" | "eager" = "eager") => {
    if (!item.image) return "";
    return images.picture(resolveImagePath(item, item.image.src, contentDir), {
      alt: item.image.alt,
      loading,
    });
  });
  /** Absolute URL of the item's image at its largest, for Open Graph and JSON-LD. */
  eleventyConfig.addFilter("imageUrl", (item: Item) => {
    if (!item.image) return "";
    const big = images.largestJpeg(resolveImagePath(item, item.image.src, contentDir));
    return absoluteUrl(settings.url, "/", big.url);
  });
}

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import eleventyImage from "@11ty/eleventy-img";
import { resolveImagePath, type Item } from "./content.ts";
import { normalisePrefix } from "./format.ts";
import { routes } from "./routes.ts";

/** eleventy-img and the helpers its JavaScript hangs on the function, which TypeScript 7 does not infer. */
const Image = eleventyImage as typeof eleventyImage & {
  statsSync(src: string, options: object): unknown;
  generateHTML(metadata: object, attributes: object): string;
};

/** One set of published sizes: widths (px) and formats, best first (the last is the fallback). */
export interface ImageVariant {
  widths: number[];
  formats: string[];
}

export interface ImageOptions {
  /** Absolute path of the content folder ("/x.jpg" images live under it). */
  contentDir: string;
  /** The site's origin, no path ("https://owner.github.io"): image URLs already carry the prefix. */
  origin: string;
  /** "/" or "/pr-7/". */
  pathPrefix: string;
  /** Where encoded images are kept between builds (named by content hash), then linked into each build. */
  cacheDir: string;
  /** What pages and bodies show. */
  page: ImageVariant;
  /** Small thumbnails beside search results. */
  thumb: ImageVariant;
}

export interface PictureAttributes {
  alt: string;
  sizes?: string;
  loading?: "lazy" | "eager";
  class?: string;
}

type Metadata = Record<
  string,
  { url: string; width: number; height: number; filename?: string; outputPath?: string }[]
>;

/** Where encoded images are kept between builds of the site in `contentDir` (beside it, named by content hash). */
export function imageCacheDir(contentDir: string): string {
  return path.join(path.dirname(contentDir), ".cache", "images");
}

/** The file names in a folder, none when it does not exist. */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * Removes from the cache every encode the site built in `siteDir` does not link, so a cache carried
 * between CI runs holds only what the site shows (a build links each image it uses into /img/).
 */
export function pruneImageCache(
  cacheDir: string,
  siteDir: string,
): { kept: number; removed: number } {
  const used = new Set(filesIn(path.join(siteDir, routes.images)));
  let removed = 0;
  for (const name of filesIn(cacheDir)) {
    if (used.has(name)) continue;
    rmSync(path.join(cacheDir, name), { force: true });
    removed++;
  }
  return { kept: filesIn(cacheDir).length, removed };
}

function checkVariant(name: string, variant: ImageVariant): void {
  const { widths, formats } = variant;
  if (!widths.length || widths.some((w) => !Number.isInteger(w) || w < 16)) {
    throw new Error(
      `images: ${name}.widths must be whole numbers of at least 16, got ${JSON.stringify(widths)}`,
    );
  }
  if (!formats.length)
    throw new Error(`images: ${name}.formats must name at least one format, got none`);
}

/**
 * The site's one image pipeline: responsive images whose HTML is known at render time (sizes are
 * read, not encoded), while the encoding runs alongside the build and is awaited before it ends.
 * https://www.11ty.dev/docs/plugins/image/#synchronous-shortcode
 */
export class ImagePipeline {
  #jobs = new Map<string, Promise<Metadata>>();
  #stats = new Map<string, Metadata>();
  #outputDir = path.join("_site", routes.images);
  readonly pathPrefix: string;

  constructor(readonly options: ImageOptions) {
    checkVariant("page", options.page);
    checkVariant("thumb", options.thumb);
    this.pathPrefix = normalisePrefix(options.pathPrefix);
  }

  /** Where this build writes its output (Eleventy knows it only when the build starts). */
  setOutput(siteDir: string): void {
    this.#outputDir = path.join(siteDir, routes.images);
  }

  /** Sizes and URLs of `file`, read once per build: a page asks for them several times (picture, og:image, JSON-LD). */
  stats(file: string, variant: "page" | "thumb" = "page"): Metadata {
    const options = {
      ...this.options[variant],
      // Encoded once into the cache: a build into a fresh folder finds them there and only links them.
      outputDir: this.options.cacheDir,
      urlPath: `${this.pathPrefix}${routes.images.slice(1)}`,
    };
    const key = `${variant}→${file}`;
    let metadata = this.#stats.get(key);
    if (!metadata) {
      metadata = Image.statsSync(file, options) as Metadata;
      this.#stats.set(key, metadata);
      this.#jobs.set(key, Image(file, options) as Promise<Metadata>);
    }
    return metadata;
  }

  /** A <picture> with width and height set, so nothing shifts while it loads. */
  picture(file: string, attributes: PictureAttributes): string {
    return Image.generateHTML(this.stats(file), {
      sizes: "(min-width: 48rem) 48rem, 100vw",
      loading: "lazy",
      decoding: "async",
      ...attributes,
    });
  }

  /** The largest JPEG, for Open Graph, JSON-LD and feeds. */
  largestJpeg(file: string): { url: string; width: number; height: number } {
    const metadata = this.stats(file);
    const list = metadata.jpeg ?? Object.values(metadata)[0]!;
    return list[list.length - 1]!;
  }

  /** The file of an item's front-matter image. */
  fileOf(item: Item): string {
    return resolveImagePath(item, item.image!.src, this.options.contentDir);
  }

  /** The item's image as a <picture>, "" when it has none. */
  itemPicture(item: Item, loading: "lazy" | "eager" = "eager"): string {
    if (!item.image) return "";
    return this.picture(this.fileOf(item), { alt: item.image.alt, loading });
  }

  /** The item's image at the top of a card, from the same encodes as its page (nothing new to encode). */
  cardPicture(item: Item, loading: "lazy" | "eager" = "lazy"): string {
    if (!item.image) return "";
    return this.picture(this.fileOf(item), {
      alt: item.image.alt,
      loading,
      // Cards are one column on phones and at least 20rem in the grid beyond.
      sizes: "(min-width: 40rem) 24rem, 100vw",
      class: "card__picture",
    });
  }

  /** The site's own share picture (site.yml shareImage) at its largest, with an absolute URL; null when there is none. */
  sharePicture(
    image: { src: string; alt: string } | undefined,
  ): { url: string; width: number; height: number; alt: string } | null {
    if (!image) return null;
    const { url, width, height } = this.largestJpeg(path.join(this.options.contentDir, image.src));
    return { url: this.options.origin + url, width, height, alt: image.alt };
  }

  /** Absolute URL of the item's image at its largest, "" when it has none. */
  imageUrl(item: Item): string {
    if (!item.image) return "";
    return this.options.origin + this.largestJpeg(this.fileOf(item)).url;
  }

  /** URL of the item's search thumbnail, "" when it has none. */
  thumbUrl(item: Item): string {
    if (!item.image) return "";
    const [thumb] = this.stats(this.fileOf(item), "thumb")[this.options.thumb.formats[0]!] ?? [];
    return thumb?.url ?? "";
  }

  /** Waits for the encodes, then links (or copies, across file systems) each image into the build. */
  async flush(): Promise<void> {
    const done = await Promise.all(this.#jobs.values());
    for (const metadata of done) {
      for (const entry of Object.values(metadata).flat()) {
        if (!entry.outputPath || !entry.filename) continue;
        const target = path.join(this.#outputDir, entry.filename);
        // Names are content hashes: one already there (dev server rebuilds) is this very image.
        if (existsSync(target)) continue;
        mkdirSync(this.#outputDir, { recursive: true });
        try {
          linkSync(entry.outputPath, target);
        } catch {
          copyFileSync(entry.outputPath, target);
        }
      }
    }
    this.#jobs.clear();
    // The next build (dev server) reads files again: an image may have been replaced.
    this.#stats.clear();
  }
}

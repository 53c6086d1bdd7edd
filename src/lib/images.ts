import Image from "@11ty/eleventy-img";

export interface ImageOptions {
  outputDir: string;
  urlPath: string;
  widths: number[];
  formats: string[];
}

export interface PictureAttributes {
  alt: string;
  sizes?: string;
  loading?: "lazy" | "eager";
  class?: string;
}

type Metadata = Record<string, { url: string; width: number; height: number }[]>;

/**
 * Responsive images whose HTML is known at render time (sizes are read, not encoded), while
 * the encoding runs alongside the build and is awaited before it ends.
 * https://www.11ty.dev/docs/plugins/image/#synchronous-shortcode
 */
export class ImagePipeline {
  #jobs = new Map<string, Promise<unknown>>();
  #stats = new Map<string, Metadata>();
  constructor(private options: ImageOptions) {}

  setOutput(outputDir: string, urlPath: string): void {
    this.options = { ...this.options, outputDir, urlPath };
  }

  #imageOptions() {
    return {
      widths: this.options.widths,
      formats: this.options.formats,
      outputDir: this.options.outputDir,
      urlPath: this.options.urlPath,
    };
  }

  /** Sizes and URLs of `file`, read once per build: a page asks for them several times (picture, og:image, JSON-LD). */
  stats(file: string): Metadata {
    const options = this.#imageOptions();
    const key = `${file}→${options.outputDir}`;
    let metadata = this.#stats.get(key);
    if (!metadata) {
      metadata = Image.statsSync(file, options) as Metadata;
      this.#stats.set(key, metadata);
      this.#jobs.set(key, Image(file, options));
    }
    return metadata;
  }

  /** A <picture> with width and height set, so nothing shifts while it loads. */
  picture(file: string, attributes: PictureAttributes): string {
    const metadata = this.stats(file);
    return Image.generateHTML(metadata, {
      sizes: "(min-width: 48rem) 48rem, 100vw",
      loading: "lazy",
      decoding: "async",
      ...attributes,
    });
  }

  /** The largest JPEG, for Open Graph and JSON-LD. */
  largestJpeg(file: string): { url: string; width: number; height: number } {
    const metadata = this.stats(file);
    const list = metadata.jpeg ?? Object.values(metadata)[0]!;
    return list[list.length - 1]!;
  }

  async flush(): Promise<void> {
    await Promise.all(this.#jobs.values());
    this.#jobs.clear();
    // The next build (dev server) reads files again: an image may have been replaced.
    this.#stats.clear();
  }
}

import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type MarkdownItModule from "markdown-it";
import { bodyImageFile, normalisePrefix } from "./site-paths.ts";

// markdown-it's CommonJS build is one file with its dependencies' few; its ES module build is 19
// modules, each a round trip to tsx's loader thread on Node 20 (about 60 ms of npm run check).
// Import markdown-it from here only: another import would load its ES module build beside this one.
export const MarkdownIt = createRequire(import.meta.url)("markdown-it") as typeof MarkdownItModule;

export interface MarkdownOptions {
  /** "/" or "/pr-7/": root-relative links in the body are moved under it. */
  pathPrefix: string;
  /** The site's origin ("https://owner.github.io", no path), put before prefixed links when env.absoluteUrls is set (feeds). */
  origin: string;
  /** Turns an image beside the Markdown into responsive HTML; null leaves the plain <img>. */
  image?: (file: string, alt: string, env: MarkdownEnv) => string | null;
  /** Where a root-relative image ("/images/x.jpg") is looked for, as for front-matter images. */
  contentDir?: string;
}

export interface MarkdownEnv {
  page?: { inputPath?: string };
  inputPath?: string;
  absoluteUrls?: boolean;
}

const isRootRelative = (url: string) => url.startsWith("/") && !url.startsWith("//");
const isLocalFile = (url: string) => !/^[a-z][a-z0-9+.-]*:|^\/\/|^\/|^#/i.test(url);

/**
 * Text linkify-it could find a link in: a scheme ("https:", "mailto:", "//") or an email's "@".
 * Fuzzy links without a scheme ("example.org") are off, linkify-it's default.
 */
export const MAY_LINKIFY = /[:@]|\/\//;

/** Skips linkify-it's large regular expressions for text that cannot hold a link (most paragraphs). */
function quickLinkifyTest(md: InstanceType<typeof MarkdownIt>): void {
  const linkify = md.linkify;
  const test = linkify.test.bind(linkify);
  linkify.test = (text: string) => MAY_LINKIFY.test(text) && test(text);
}

/** Editors' Markdown: no raw HTML, safe link schemes only, links that respect the path prefix. */
export function createMarkdown(options: MarkdownOptions): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  quickLinkifyTest(md);
  const prefix = normalisePrefix(options.pathPrefix);

  const fixUrl = (url: string, env: MarkdownEnv) => {
    if (!isRootRelative(url)) return url;
    const local = prefix + url.slice(1);
    return env?.absoluteUrls ? options.origin + local : local;
  };

  md.core.ruler.push("site_urls", (state) => {
    const walk = (tokens: typeof state.tokens) => {
      for (const token of tokens) {
        if (token.type === "link_open") {
          const href = token.attrGet("href");
          if (href) token.attrSet("href", fixUrl(String(href), state.env as MarkdownEnv));
        }
        if (token.children) walk(token.children);
      }
    };
    walk(state.tokens);
  });

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, opts, rawEnv, self) => {
    const env = (rawEnv ?? {}) as MarkdownEnv;
    const token = tokens[idx]!;
    const src = String(token.attrGet("src") ?? "");
    const inputPath = env?.page?.inputPath ?? env?.inputPath;
    // "/x.jpg" lives under content/, "x.jpg" beside the Markdown: the same rule as front-matter images.
    const local = isRootRelative(src)
      ? Boolean(options.contentDir)
      : isLocalFile(src) && Boolean(inputPath);
    if (options.image && local) {
      const contentDir = options.contentDir ?? "";
      // The gate (ContentStore.load) has checked every body picture: real, and inside content/.
      const file = bodyImageFile(inputPath ?? "", src, contentDir);
      if (
        file &&
        (!isRootRelative(src) || (file.startsWith(contentDir + path.sep) && existsSync(file)))
      ) {
        const html = options.image(file, token.content, env);
        if (html) return html;
      }
    }
    if (isRootRelative(src)) token.attrSet("src", fixUrl(src, env));
    return defaultImage(tokens, idx, opts, rawEnv, self);
  };
  return md;
}

/** The readable text of Markdown, from its tokens (no HTML is rendered): what search indexes. */
export function markdownText(md: InstanceType<typeof MarkdownIt>, source: string): string {
  const parts: string[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.children) walk(token.children);
      else if (token.type === "text" || token.type === "code_inline") parts.push(token.content);
      else if (token.type === "code_block" || token.type === "fence")
        parts.push(token.content, "\n");
      else if (token.type === "image") parts.push(token.content);
      else if (token.type === "softbreak" || token.type === "hardbreak") parts.push(" ");
      else if (token.block && token.nesting === -1) parts.push("\n");
    }
  };
  walk(md.parse(source, {}));
  return parts
    .join("")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

import { existsSync } from "node:fs";
import path from "node:path";
import { EMAIL_LIMIT_BYTES } from "./email.ts";

export interface EmailReport {
  bytes: number;
  links: number;
  /** Links to pages of this site, each found in the build. */
  siteLinks: number;
  problems: string[];
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * What `npm run digest` checks in a built email.html: its size, that it runs no script, that every
 * link is absolute (or the mailing tool's unsubscribe tag), that links to the site reach a built
 * page, and that images carry alt, width and height.
 */
export function checkEmail(
  html: string,
  options: { siteRoot: string; output: string; unsubscribe: string },
): EmailReport {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(html, "utf8");
  if (bytes > EMAIL_LIMIT_BYTES)
    problems.push(
      `size: ${(bytes / 1024).toFixed(1)} KB, over the ${EMAIL_LIMIT_BYTES / 1024} KB limit (Gmail clips at 102 KB)`,
    );
  if (/<script\b/i.test(html)) problems.push("a <script> element: email clients drop them");
  if (/<link\b[^>]*stylesheet/i.test(html))
    problems.push("an external stylesheet: email clients ignore them");
  let links = 0;
  let siteLinks = 0;
  for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const url = decode(raw!);
    if (attr === "href") links++;
    if (url === options.unsubscribe) continue;
    if (!/^(https?:\/\/|mailto:)/i.test(url)) {
      problems.push(`${attr}="${url}": expected an absolute https, http or mailto address`);
      continue;
    }
    if (!url.startsWith(options.siteRoot)) continue;
    if (attr === "href") siteLinks++;
    const pathname = decodeURIComponent(new URL(url).pathname).slice(
      new URL(options.siteRoot).pathname.length,
    );
    const file = path.join(
      options.output,
      pathname,
      pathname.endsWith("/") || !pathname ? "index.html" : "",
    );
    if (!existsSync(file))
      problems.push(
        `${attr}="${url}": no such ${attr === "href" ? "page" : "file"} in ${options.output}`,
      );
  }
  for (const [img] of html.matchAll(/<img\b[^>]*>/gi)) {
    for (const attribute of ["alt", "width", "height"])
      if (!new RegExp(`\\s${attribute}="`).test(img))
        problems.push(`${img.slice(0, 60)}…: an image without ${attribute}`);
  }
  return { bytes, links, siteLinks, problems };
}

import sharp from "sharp";
import { listFiles } from "./files.ts";
import { DEFAULT_SETTINGS, makeFixture, md } from "./fixture.ts";

/** The site URL of a built HTML file ("articles/foo/index.html" → "/articles/foo/"), as `npm run changed` reads it. */
export { urlOf } from "../../src/lib/site-diff.ts";

/** A small real JPEG, so the image pipeline runs as it does on editors' photos. */
export function makeJpeg(width = 960, height = 640): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 164, g: 22, b: 26 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

const PROSE = `A paragraph with a [link to an action](/actions/open-letter/) and an [outside source](https://example.org/report).

![Marchers crossing a bridge](./march.jpg)

> A quotation from a speaker at the rally, set apart from the report.

| Union | Members balloted |
| --- | --- |
| UCU | 70,000 |
| RCN | 300,000 |

- one point
- another point
`;

/**
 * A fixture with every kind of page: articles with an image (front matter and body), open and closed
 * actions, an event, a standing page, a draft and a scheduled item (shown only in previews), and page size 2
 * so the lists paginate.
 */
export async function makeSampleSite(): Promise<string> {
  const { files, settings } = await sampleSite();
  return makeFixture(files, settings);
}

/** The sample site's files and settings (see makeSampleSite), for a build shared between test files (sharedBuild). */
export async function sampleSite(): Promise<{
  files: Record<string, string | Buffer>;
  settings: string;
}> {
  const jpeg = await makeJpeg();
  return {
    files: {
      "articles/march.jpg": jpeg,
      "articles/bridge-march.md": md(
        `title: Thousands march across the bridge for a ceasefire
date: 2024-02-20
category: news
tags: [Palestine, Protest]
author: Isabel
summary: A march of several thousand people crossed the river on Saturday.
source: { name: Socialist Worker, url: "https://example.org/original" }
image: { src: ./march.jpg, alt: Marchers crossing a bridge with banners, credit: Guy Smallman }
cta: { label: Join the next march, url: "https://example.org/march" }`,
        PROSE,
      ),
      "articles/union-statement.md": md(
        `title: Union conference passes solidarity motion
date: 2024-02-18
category: statement
tags: [palestine, unions]
summary: Delegates voted for a twinning link with a union abroad.`,
      ),
      "articles/film-night.md": md(
        `title: Film night and discussion
date: 2024-02-10
category: culture
tags: [film]
summary: A screening followed by a discussion with the director.
event: { start: "2024-03-02T19:00", end: "2024-03-02T21:30", location: "Friends Meeting House, Manchester" }`,
      ),
      "actions/open-letter.md": md(
        `title: Write to your MP about arms sales
date: 2024-02-19
category: campaign
tags: [palestine]
summary: Use the template letter to ask your MP to back a halt to arms sales.
cta: { label: Write to your MP, url: "https://example.org/letter", deadline: 2024-03-31 }`,
      ),
      "actions/online-rally.md": md(
        `title: Online rally for the strikers
date: 2024-02-15
category: event
summary: Hear from the strikers and pledge support.
cta: { label: Register, url: "https://example.org/register" }
event: { start: "2024-03-05T18:30", location: Online, url: "https://example.org/join" }`,
      ),
      "actions/old-petition.md": md(
        `title: Petition against the closure
date: 2024-01-05
category: campaign
summary: This petition has closed.
cta: { label: Sign the petition, url: "https://example.org/petition", deadline: 2024-01-31 }`,
      ),
      "articles/draft-report.md": md(
        `title: A report still being written
date: 2024-02-12
category: analysis
draft: true
summary: Only previews show this draft.`,
      ),
      "actions/scheduled-appeal.md": md(
        `title: An appeal that publishes next month
date: 2024-03-10
category: fundraiser
summary: Only previews show this until its date.
cta: { label: Donate, url: "https://example.org/donate" }`,
      ),
      "pages/about.md": md(
        `title: About this digest
date: 2024-01-01
summary: Who we are and how the digest is put together.`,
        "We gather news, statements and calls to action. Write to [the editors](mailto:editors@example.org).",
      ),
    },
    settings: DEFAULT_SETTINGS.replace("pageSize: 20", "pageSize: 2"),
  };
}

/** Every built file with the given extension, as paths relative to `out`, sorted. */
export function builtFiles(out: string, ext = ".html"): string[] {
  return listFiles(out).filter((file) => file.endsWith(ext));
}

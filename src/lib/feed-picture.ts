import { existsSync } from "node:fs";
import path from "node:path";
import type { parseFeed } from "@rowanmanning/feed-parser";
import { FetchError, fetchLimited } from "./fetch-limited.ts";
import { PICTURE_KINDS, pictureBytesProblem, pictureExtension } from "./picture-file.ts";

type FeedItem = ReturnType<typeof parseFeed>["items"][number];

export interface FeedPicture {
  url: string;
  /** The feed's words for it (media:title or media:description), or null when it gave none. */
  alt: string | null;
}

const PICTURE_NAME = /\.(jpe?g|png|gif|webp|avif)$/i;

/** The item's picture: its first `<enclosure>` or `media:content` that is an image, by type or by name. */
export function feedPicture(entry: FeedItem, text: (html: string) => string): FeedPicture | null {
  const media = entry.media.find(
    (m) =>
      /^https?:\/\//i.test(m.url) &&
      (m.type === "image" || (!m.type && PICTURE_NAME.test(new URL(m.url).pathname))),
  );
  if (!media) return null;
  const alt = text(media.title ?? "");
  // A file name is not a description.
  return { url: media.url, alt: alt && !PICTURE_NAME.test(alt) ? alt : null };
}

export type Download = { bytes: Buffer; extension: string } | { problem: string };

/** Downloads a picture within the import's limits, kept only when its content is a picture the site publishes. */
export async function downloadPicture(
  url: string,
  limits: { timeoutSeconds: number; maxBytes: number; megabytes: string },
): Promise<Download> {
  let bytes: Buffer;
  try {
    bytes = await fetchLimited(url, {
      timeoutSeconds: limits.timeoutSeconds,
      maxBytes: limits.maxBytes,
      what: "the picture",
      tooBig: `it is larger than ${limits.megabytes}`,
      accept: "image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.9",
    });
  } catch (error) {
    if (error instanceof FetchError) return { problem: error.message };
    throw error;
  }
  // The server's content-type can lie; the bytes cannot.
  const problem = pictureBytesProblem(bytes);
  const extension = pictureExtension(bytes);
  if (problem || !extension) return { problem: problem ?? `it is not ${PICTURE_KINDS}` };
  return { bytes, extension };
}

/** A file name beside the draft for its picture: the draft's own name, numbered if an editor's file has it. */
export function pictureName(dir: string, slug: string, extension: string): string {
  let name = `${slug}.${extension}`;
  for (let n = 2; existsSync(path.join(dir, name)); n++) name = `${slug}-${n}.${extension}`;
  return name;
}

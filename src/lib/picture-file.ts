import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { remember } from "./cache.ts";

export const PICTURE_KINDS = "a JPEG, PNG, GIF, WebP or AVIF picture";

/** Whether the first bytes of a file are those of a picture the image pipeline reads. */
export function isPictureBytes(head: Buffer): boolean {
  return pictureExtension(head) !== null;
}

/** The file extension of the picture these first bytes begin, or null when they begin no picture the pipeline reads. */
export function pictureExtension(head: Buffer): "jpg" | "png" | "gif" | "webp" | "avif" | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString("latin1");
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (head.length >= 8 && ascii(4, 8) === "ftyp") {
    // AVIF: an ISO-BMFF "ftyp" box naming avif or avis among its brands.
    const size = Math.min(head.readUInt32BE(0), head.length);
    for (let at = 8; at + 4 <= size; at += 4)
      if (/^avi[fs]$/.test(ascii(at, at + 4))) return "avif";
  }
  return null;
}

/** Why these bytes (a whole file, or its first 512 KB) cannot be published as a picture, or null when they can. */
export function pictureBytesProblem(head: Buffer): string | null {
  const first = Buffer.alloc(32);
  head.copy(first, 0, 0, 32);
  if (!isPictureBytes(first)) return `it is not ${PICTURE_KINDS}`;
  // The image pipeline reads each picture's size this way before encoding it: a damaged file fails here, not mid-build.
  try {
    const size = imageSize(head);
    if (!size.width || !size.height) return "it is damaged: no width or height found";
  } catch (error) {
    return `it is damaged: ${(error as Error).message}`;
  }
  return null;
}

// image-size reads at most this much of a file to find its size; one read serves both checks.
const HEAD_BYTES = 512 * 1024;

/**
 * Why `file` cannot be published as a picture of the site, or null when it can: it must exist, be a
 * file, lie inside `contentDir` once symbolic links are followed, and be a picture by its content.
 */
export function pictureProblem(file: string, contentDir: string): string | null {
  return pictureChecker(contentDir)(file);
}

/** pictureProblem for one build: the content folder resolved once, each picture read once however often it is used. */
export function pictureChecker(contentDir: string): (file: string) => string | null {
  let root: string;
  try {
    root = realpathSync(contentDir);
  } catch {
    root = path.resolve(contentDir);
  }
  const inside = path.resolve(contentDir) + path.sep;
  const seen = new Map<string, string | null>();
  return (file) => {
    const key = path.resolve(file);
    return remember(seen, key, () => check(key));
  };

  function check(file: string): string | null {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return "no such file";
    }
    if (!real.startsWith(root + path.sep))
      return file.startsWith(inside)
        ? "it is a link to a file outside content/"
        : "it is outside content/";
    if (!statSync(real).isFile()) return "it is a folder, not a picture";
    let head: Buffer;
    let fd: number | null = null;
    try {
      fd = openSync(real, "r");
      const buffer = Buffer.alloc(Math.min(fstatSync(fd).size, HEAD_BYTES));
      head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } catch {
      return "it could not be read";
    } finally {
      if (fd !== null) closeSync(fd);
    }
    return pictureBytesProblem(head);
  }
}

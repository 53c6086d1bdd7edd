import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";

export const PICTURE_KINDS = "a JPEG, PNG, GIF, WebP or AVIF picture";

/** Whether the first bytes of a file are those of a picture the image pipeline reads. */
export function isPictureBytes(head: Buffer): boolean {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString("latin1");
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true; // JPEG
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return true;
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return true;
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return true;
  if (ascii(4, 8) === "ftyp") {
    // AVIF: an ISO-BMFF "ftyp" box naming avif or avis among its brands.
    const size = Math.min(head.readUInt32BE(0), head.length);
    for (let at = 8; at + 4 <= size; at += 4) if (/^avi[fs]$/.test(ascii(at, at + 4))) return true;
  }
  return false;
}

/**
 * Why `file` cannot be published as a picture of the site, or null when it can: it must exist, be a
 * file, lie inside `contentDir` once symbolic links are followed, and be a picture by its content.
 */
export function pictureProblem(file: string, contentDir: string): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return "no such file";
  }
  let root: string;
  try {
    root = realpathSync(contentDir);
  } catch {
    root = path.resolve(contentDir);
  }
  if (!real.startsWith(root + path.sep))
    return path.resolve(file).startsWith(path.resolve(contentDir) + path.sep)
      ? "it is a link to a file outside content/"
      : "it is outside content/";
  if (!statSync(real).isFile()) return "it is a folder, not a picture";
  const head = Buffer.alloc(32);
  let fd: number | null = null;
  try {
    fd = openSync(real, "r");
    readSync(fd, head, 0, head.length, 0);
  } catch {
    return "it could not be read";
  } finally {
    if (fd !== null) closeSync(fd);
  }
  if (!isPictureBytes(head)) return `it is not ${PICTURE_KINDS}`;
  // The image pipeline reads each picture's size this way before encoding it: a damaged file fails here, not mid-build.
  try {
    const size = imageSize(real);
    if (!size.width || !size.height) return "it is damaged: no width or height found";
  } catch (error) {
    return `it is damaged: ${(error as Error).message}`;
  }
  return null;
}

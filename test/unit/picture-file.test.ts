import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPictureBytes, pictureProblem } from "../../src/lib/picture-file.ts";
import { makeJpeg } from "../helpers/sample-site.ts";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))),
  );

describe("a picture is known by its content, not its name", () => {
  it("accepts JPEG, PNG, GIF, WebP and AVIF headers", () => {
    for (const head of [
      bytes([0xff, 0xd8, 0xff, 0xe0]),
      bytes("\x89PNG\r\n\x1a\n"),
      bytes("GIF89a"),
      bytes("GIF87a"),
      bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "),
      bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0], "mif1"),
      bytes([0, 0, 0, 0x1c], "ftypmif1", [0, 0, 0, 0], "avif"),
    ])
      expect(isPictureBytes(Buffer.concat([head, Buffer.alloc(32)]).subarray(0, 32))).toBe(true);
  });

  it("refuses text, SVG, HTML, MP4 and an empty file", () => {
    for (const head of [
      bytes("hello"),
      bytes('<svg xmlns="http://www.w3.org/2000/svg">'),
      bytes("<!doctype html>"),
      bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 0, 0], "mp41"),
      Buffer.alloc(0),
    ])
      expect(isPictureBytes(Buffer.concat([head, Buffer.alloc(32)]).subarray(0, 32))).toBe(false);
  });
});

describe("pictureProblem", () => {
  // Regression: a truncated JPEG passed check (its first bytes are a JPEG's), then crashed the build with a stack trace.
  it("refuses a damaged picture whose first bytes look right, and accepts a real one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "picture-"));
    writeFileSync(path.join(dir, "bad.jpg"), bytes([0xff, 0xd8, 0xff, 0xe0], "garbage"));
    writeFileSync(path.join(dir, "good.jpg"), await makeJpeg(40, 30));
    expect(pictureProblem(path.join(dir, "bad.jpg"), dir)).toBe(
      "it is damaged: Invalid JPG, no size found",
    );
    expect(pictureProblem(path.join(dir, "good.jpg"), dir)).toBeNull();
  });
});

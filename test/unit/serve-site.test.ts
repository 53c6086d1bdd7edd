import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serveSite } from "../../scripts/lib/browser.ts";

describe("serveSite", () => {
  // Regression: a browser's connection opened ahead of a request (Chromium preconnects) held close() up
  // until Node's 300 s request timeout, and a browser test's afterAll timed out.
  it("closes at once while a connection that sent nothing is still open", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "serve-site-"));
    writeFileSync(path.join(root, "index.html"), "<!doctype html><title>x</title>");
    const site = await serveSite(root);
    const response = await fetch(site.url);
    expect([response.status, await response.text()]).toEqual([
      200,
      "<!doctype html><title>x</title>",
    ]);
    const socket = net.connect(Number(new URL(site.url).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const closed = site.close().then(() => "closed");
    const waiting = new Promise((resolve) => setTimeout(resolve, 5_000, "still open after 5 s"));
    expect(await Promise.race([closed, waiting])).toBe("closed");
    socket.destroy();
  });
});

import { describe, expect, it } from "vitest";
import { remember } from "../../src/lib/cache.ts";

describe("remember", () => {
  it("works an answer out once per key, null included", () => {
    const cache = new Map<string, string | null>();
    const asked: string[] = [];
    const look = (key: string) =>
      remember(cache, key, () => {
        asked.push(key);
        return key === "none" ? null : key.toUpperCase();
      });
    expect([look("a"), look("a"), look("none"), look("none"), look("b")]).toEqual([
      "A",
      "A",
      null,
      null,
      "B",
    ]);
    expect(asked).toEqual(["a", "none", "b"]);
  });

  it("keys a WeakMap by the object itself", () => {
    const cache = new WeakMap<object, number>();
    const one = {};
    let calls = 0;
    const count = (key: object) => remember(cache, key, () => ++calls);
    expect([count(one), count(one), count({})]).toEqual([1, 1, 2]);
  });
});

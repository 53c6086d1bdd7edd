import { describe, expect, it } from "vitest";
import { RenderOnce } from "../../src/lib/render-once.ts";

describe("RenderOnce", () => {
  const item = { title: "Strike" };
  const other = { title: "March" };
  const counting = () => {
    const calls: unknown[][] = [];
    const macro = (entry: object, ...args: unknown[]) => {
      calls.push([entry, ...args]);
      return `${(entry as { title: string }).title} ${calls.length}`;
    };
    return { calls, macro };
  };

  it("renders an item once per page language and arguments, and again after clear()", () => {
    const once = new RenderOnce();
    const { calls, macro } = counting();
    expect(once.render(macro, item, "en", [3, "lazy"])).toBe("Strike 1");
    expect(once.render(macro, item, "en", [3, "lazy"])).toBe("Strike 1");
    expect(once.render(macro, item, "ar", [3, "lazy"])).toBe("Strike 2");
    expect(once.render(macro, item, "en", [2, "lazy"])).toBe("Strike 3");
    expect(once.render(macro, item, "en", [3, undefined])).toBe("Strike 4");
    expect(once.render(macro, other, "en", [3, "lazy"])).toBe("March 5");
    expect(calls).toEqual([
      [item, 3, "lazy"],
      [item, 3, "lazy"],
      [item, 2, "lazy"],
      [item, 3, undefined],
      [other, 3, "lazy"],
    ]);
    once.clear();
    expect(once.render(macro, item, "en", [3, "lazy"])).toBe("Strike 6");
  });

  it("keeps arguments apart that would join alike as text", () => {
    const once = new RenderOnce();
    const { macro } = counting();
    expect(once.render(macro, item, "en", ["a,b"])).toBe("Strike 1");
    expect(once.render(macro, item, "en", ["a", "b"])).toBe("Strike 2");
  });
});

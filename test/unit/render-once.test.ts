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

  it("renders a named part once per name, page language and arguments, and again after clear()", () => {
    const once = new RenderOnce();
    const calls: unknown[][] = [];
    const part = (...args: unknown[]) => {
      calls.push(args);
      return `part ${calls.length}`;
    };
    const current = [true, false, false, false];
    expect(once.renderNamed(part, "header", "en", [current, true])).toBe("part 1");
    expect(once.renderNamed(part, "header", "en", [[true, false, false, false], true])).toBe(
      "part 1",
    );
    expect(once.renderNamed(part, "header", "en", [[false, true, false, false], true])).toBe(
      "part 2",
    );
    expect(once.renderNamed(part, "header", "ar", [current, true])).toBe("part 3");
    expect(once.renderNamed(part, "footer", "en", [current, true])).toBe("part 4");
    expect(once.renderNamed(part, "footer", "en", [])).toBe("part 5");
    expect(calls).toHaveLength(5);
    once.clear();
    expect(once.renderNamed(part, "footer", "en", [])).toBe("part 6");
  });
});

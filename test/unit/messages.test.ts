import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { optionProblem } from "../../scripts/lib/cli.ts";
import { formatError, parseContentFile } from "../../src/lib/content.ts";
import { fieldsAt, makeSchemas } from "../../src/lib/schema.ts";
import { loadSettings, settingsSchema } from "../../src/lib/settings.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { nearest } from "../../src/lib/suggest.ts";
import { readYaml } from "../../src/lib/yaml-problems.ts";
import { DEFAULT_SETTINGS, makeFixture } from "../helpers/fixture.ts";

const ctx = loadSiteContext({
  CONTENT_DIR: path.join(makeFixture({}), "content"),
  BUILD_DATE: "2024-02-22",
});
const printed = (frontMatter: string) =>
  parseContentFile(
    path.join(ctx.contentDir, "articles/a.md"),
    "articles",
    `---\n${frontMatter}\n---\nBody\n`,
    ctx,
  ).errors.map(formatError);
const settingsError = (yml: string) => {
  try {
    loadSettings(path.join(makeFixture({}, yml), "content"));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("no YAML library text reaches an editor", () => {
  it.each([
    [
      "a colon in a title (was: Nested mappings are not allowed in compact mappings)",
      "title: Pickets: we won\ndate: 2024-01-01\ncategory: news",
      'content/articles/a.md:2 → title: expected one value, got "Pickets: we won", which has ": " in it (put the whole value in "double quotes")',
    ],
    [
      "a field written twice (was: Map keys must be unique, without the key)",
      "title: A\ndate: 2024-01-01\ncategory: news\ntitle: B",
      'content/articles/a.md:5 → title: expected each field once, got "title" a second time (line 2 has it too: keep one)',
    ],
    [
      "two commas in a row in tags",
      "title: A\ndate: 2024-01-01\ncategory: news\ntags: [a,,b]",
      'content/articles/a.md:5 → tags: expected a value between each two commas, got an empty one in "[a,,b]" (remove the extra comma)',
    ],
    [
      "a list not closed",
      "title: A\ndate: 2024-01-01\ncategory: news\ntags: [a, b",
      'content/articles/a.md:5 → tags: expected a "]" to close the list, got "[a, b" (write it as [one, two])',
    ],
    [
      "a tab used to indent",
      "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n\tsrc: x",
      "content/articles/a.md:6 → image.src: expected spaces at the start of the line, got a tab (indent with spaces only)",
    ],
    [
      "a field indented under one with a value",
      "title: A\ndate: 2024-01-01\ncategory: news\nsummary: x\n  author: y",
      'content/articles/a.md:6 → author: expected "author" at the indentation of the fields around it, got it indented under "summary", which already has a value',
    ],
    [
      "a quote not closed",
      'title: "A\ndate: 2024-01-01\ncategory: news',
      'content/articles/a.md:2 → title: expected a closing " at the end of the value, got "\\"A" (end it with ", or remove the opening one)',
    ],
    [
      "an alias with no anchor (crashed check with a ReferenceError)",
      "title: A\ndate: 2024-01-01\ncategory: news\nsummary: *x",
      'content/articles/a.md:5 → summary: expected a value, got "*x", which starts with "*" (put the whole value in "double quotes")',
    ],
  ])("%s", (_, frontMatter, message) => {
    expect(printed(frontMatter)).toEqual([message]);
  });
});

describe("the YAML library prints nothing of its own", () => {
  it("reads a list used as a key without a warning on the terminal", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      expect(readYaml("? [a, b]\n: c").problems).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe("any front matter at all", () => {
  it("is read or refused with a line and an expected … message, never a crash (3,000 seeded random inputs)", () => {
    const pieces = ["a", ":", " ", "\n", "-", "[", "]", "{", "}", ",", '"', "'", "*", "&", "!"];
    pieces.push("#", "\t", "?", "|", ">", "%", "@", "`", "\\", "  ", "b: c", "x");
    let seed = 1;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const refused: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const source = Array.from({ length: 1 + random(25) }, () => pieces[random(pieces.length)]);
      for (const problem of readYaml(source.join(""), 2).problems)
        if (!problem.message.startsWith("expected ") || !problem.line)
          refused.push(`${JSON.stringify(source.join(""))}: ${problem.message}`);
    }
    expect(refused).toEqual([]);
  });
});

describe("did you mean", () => {
  it("suggests the field for a misspelt key, at any depth", () => {
    expect(printed("tittle: A\ndate: 2024-01-01\ncategory: news")).toContain(
      'content/articles/a.md:2 → tittle: expected one of the fields title, date, tags, summary, author, source, image, event, draft, lang, translationOf, permalink, category, cta, group, got "tittle": did you mean "title"?',
    );
    expect(
      printed(
        "title: A\ndate: 2024-01-01\ncategory: news\ncta:\n  lable: Go\n  url: https://x.org",
      ),
    ).toContain(
      'content/articles/a.md:6 → cta.lable: expected one of the fields label, url, deadline, got "lable": did you mean "label"?',
    );
  });

  it("lists an edition item's fields (the list was empty: a path or item: and note: are one union)", () => {
    const errors = parseContentFile(
      path.join(ctx.contentDir, "editions/a.md"),
      "editions",
      "---\ntitle: E\ndate: 2024-01-01\nnumber: 1\nsummary: S\nsections:\n  - heading: H\n    items:\n      - { item: articles/a.md, nte: Why }\n---\n",
      ctx,
    ).errors.map(formatError);
    expect(errors).toEqual([
      'content/editions/a.md:9 → sections.0.items.0.nte: expected one of the fields item, note, got "nte": did you mean "note"?',
    ]);
  });

  it("suggests the category for one written in capitals or misspelt", () => {
    expect(printed("title: A\ndate: 2024-01-01\ncategory: News")).toEqual([
      'content/articles/a.md:4 → category: expected one of the categories (news, analysis, statement, campaign, fundraiser, event, twinning, culture), got "News": did you mean "news"?',
    ]);
  });

  it("suggests nothing when nothing is near", () => {
    expect(nearest("zzzz", ["title", "date"])).toBeUndefined();
    expect(nearest("titel", ["title", "date"])).toBe("title");
  });
});

describe("site.yml messages name the line, the setting, what was expected and what was found", () => {
  it("gives a category slug in capitals its slug (was: categories.News: Invalid key in record)", () => {
    expect(settingsError(DEFAULT_SETTINGS.replace("  news: News", "  News: News"))).toBe(
      'content/_data/site.yml:10 → categories.News: expected a category slug of lower-case letters, digits and hyphens, got "News": did you mean "news"?',
    );
  });

  it("names a duplicate setting and a wrong type without zod's words", () => {
    expect(settingsError(`${DEFAULT_SETTINGS}title: Again\n`)).toMatch(
      /^content\/_data\/site\.yml:\d+ → title: expected each field once, got "title" a second time \(line 1 has it too: keep one\)$/,
    );
    expect(settingsError(DEFAULT_SETTINGS.replace("pageSize: 20", "pageSize: lots"))).toBe(
      'content/_data/site.yml:7 → pageSize: expected a whole number from 1, got "lots"',
    );
    expect(settingsError(DEFAULT_SETTINGS.replace("pageSize: 20", "pageSise: 20"))).toMatch(
      /^content\/_data\/site\.yml:7 → pageSise: expected one of the settings title, description, url, .*, got "pageSise": did you mean "pageSize"\?$/,
    );
  });
});

describe("command-line options in the house style (was Node's parseArgs text)", () => {
  const names = ["category", "date", "event"];
  const problem = (message: string, code: string) =>
    optionProblem(Object.assign(new Error(message), { code }), names);

  it("names an unknown option and the nearest known one", () => {
    expect(
      problem(
        "Unknown option '--dat'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--dat\"",
        "ERR_PARSE_ARGS_UNKNOWN_OPTION",
      ),
    ).toBe(
      '--dat: expected one of --category, --date, --event, got an option this command does not know: did you mean "--date"?',
    );
  });

  it("names an option missing its value", () => {
    expect(
      problem("Option '--date <value>' argument missing", "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"),
    ).toBe("--date: expected a value after it, got nothing");
  });
});

describe("no zod text reaches an editor", () => {
  const WRONG: unknown[] = [[1], { a: 1 }, 7, "x", true, null, ""];
  /** `value` at `keyPath` of an empty front matter: ["cta", "url"] → { cta: { url: value } }. */
  const nest = (keyPath: string[], value: unknown): unknown =>
    keyPath.length ? { [keyPath[0]!]: nest(keyPath.slice(1), value) } : value;

  it("gives every field and sub-field, set to each wrong type, an expected … message", () => {
    const schemas = makeSchemas(ctx.settings);
    const raw: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      const section = name === "seeking" ? "groups" : (name as keyof typeof schemas);
      const file = path.join(ctx.contentDir, section, name === "seeking" ? "seeking/a.md" : "a.md");
      const fields = fieldsAt(schema, []);
      const paths = [
        ...fields.map((k) => [k]),
        ...fields.flatMap((k) => fieldsAt(schema, [k]).map((sub) => [k, sub])),
      ];
      for (const keyPath of paths)
        for (const value of WRONG) {
          const text = `---\n${stringify(nest(keyPath, value))}---\nBody\n`;
          for (const error of parseContentFile(file, section as never, text, ctx).errors)
            if (!error.message.startsWith("expected ")) raw.push(formatError(error));
        }
    }
    expect(raw).toEqual([]);
  });

  it("gives every setting, set to each wrong type, an expected … message", () => {
    const base = parse(DEFAULT_SETTINGS) as Record<string, unknown>;
    const raw: string[] = [];
    for (const key of fieldsAt(settingsSchema, []))
      for (const value of WRONG) {
        const yml = stringify({ ...base, [key]: value });
        try {
          loadSettings(path.join(makeFixture({}, yml), "content"));
        } catch (error) {
          // "a valid setting" is the safety net for a check that names nothing better.
          for (const line of (error as Error).message.split("\n"))
            if (!/^content\/_data\/site\.yml:\d+ → [^:]+: expected (?!a valid setting)/.test(line))
              raw.push(line);
        }
      }
    expect(raw).toEqual([]);
  });
});

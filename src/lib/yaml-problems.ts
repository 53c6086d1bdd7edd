import { isAlias, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { shown } from "./schema.ts";

/** A YAML slip in an editor's words: the line in the file (the YAML starting on `firstLine`), the field, the message. */
export interface YamlProblem {
  line: number;
  field: string;
  message: string;
}

export interface ReadYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** The value, when there is no problem. */
  data?: unknown;
  problems: YamlProblem[];
}

const QUOTE_IT = 'put the whole value in "double quotes"';

/** One line's indentation, key (or null) and value after "key: ". */
function lineParts(text: string) {
  const match = /^(\s*)(?:-\s+)?(?:([^\s:#'"[{][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s+|$))?(.*)$/.exec(
    text,
  )!;
  return {
    indent: match[1]!.length,
    key: match[2]?.replace(/^["']|["']$/g, "") ?? null,
    value: match[3]!.trim(),
  };
}

/** The dotted path of the key on line `index` (0-based), found by indentation: "image.src". */
function fieldAt(lines: string[], index: number): string | null {
  const { indent, key } = lineParts(lines[index] ?? "");
  if (key === null) return null;
  const path = [key];
  let depth = indent;
  for (let n = index - 1; n >= 0 && depth > 0; n--) {
    if (!lines[n]!.trim() || lines[n]!.trim().startsWith("#")) continue;
    const parent = lineParts(lines[n]!);
    if (parent.indent < depth && parent.key !== null) {
      path.unshift(parent.key);
      depth = parent.indent;
    }
  }
  return path.join(".");
}

const nextContentLine = (lines: string[], index: number) => {
  for (let n = index + 1; n < lines.length; n++)
    if (lines[n]!.trim() && !lines[n]!.trim().startsWith("#")) return n;
  return -1;
};

/** Why one YAML error happened, in house style, placed on the line the editor must change. */
function describe(error: YAMLError, lines: string[], firstLine: number): YamlProblem {
  let index = Math.max(0, (error.linePos?.[0].line ?? 1) - 1);
  const text = () => lines[index] ?? "";
  const at = (message: string, field = fieldAt(lines, index)) => ({
    line: index + firstLine,
    field: field ?? "front matter",
    message,
  });
  switch (error.code) {
    case "TAB_AS_INDENT":
      return at("expected spaces at the start of the line, got a tab (indent with spaces only)");
    case "DUPLICATE_KEY": {
      const field = fieldAt(lines, index);
      const first = lines.findIndex((_, n) => n < index && fieldAt(lines, n) === field);
      return at(
        `expected each field once, got ${shown(lineParts(text()).key)} a second time${first >= 0 ? ` (line ${first + firstLine} has it too: keep one)` : ""}`,
      );
    }
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
    case "BAD_INDENT": {
      const { value, indent, key } = lineParts(text());
      const flow = /must be sufficiently indented and end with an? ([\]}])/.exec(error.message);
      if (flow) {
        // The error is on the line after the unclosed list: the editor's slip is on the line before.
        const open = flow[1] === "]" ? "[" : "{";
        while (index > 0 && !text().includes(open)) index--;
        return at(
          `expected a "${flow[1]}" to close the ${flow[1] === "]" ? "list" : "group"}, got ${shown(lineParts(text()).value)} (write it as ${flow[1] === "]" ? "[one, two]" : "{ name: value }"})`,
        );
      }
      if (key !== null && /:\s/.test(value) && !/^["'[{]/.test(value))
        return at(`expected one value, got ${shown(value)}, which has ": " in it (${QUOTE_IT})`);
      const next = nextContentLine(lines, index);
      if (next >= 0 && lineParts(lines[next]!).indent > indent && value) {
        const above = key;
        index = next;
        return at(
          `expected ${shown(lineParts(text()).key ?? text().trim())} at the indentation of the fields around it, got it indented under ${shown(above)}, which already has a value`,
          lineParts(text()).key,
        );
      }
      return at(
        `expected each field at the indentation of the fields around it, got ${shown(text().trim())} (check the spaces at the start of the line)`,
      );
    }
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
      if (quote) {
        const opened = lines.findIndex((line, n) => {
          const { value } = lineParts(line);
          return n <= index && value.startsWith(quote) && !value.slice(1).includes(quote);
        });
        if (opened >= 0) index = opened;
        return at(
          `expected a closing ${quote} at the end of the value, got ${shown(lineParts(text()).value)} (end it with ${quote}, or remove the opening one)`,
        );
      }
      break;
    }
    case "UNEXPECTED_TOKEN":
      if (/Unexpected , in flow/.test(error.message))
        return at(
          `expected a value between each two commas, got an empty one in ${shown(lineParts(text()).value)} (remove the extra comma)`,
        );
      break;
    case "BAD_SCALAR_START": {
      const { value } = lineParts(text());
      return at(
        `expected a value, got ${shown(value)}, which starts with "${value[0]}" (${QUOTE_IT})`,
      );
    }
    case "BAD_DQ_ESCAPE":
      return at(
        `expected a backslash in "double quotes" only before ", \\ or a letter such as n, got ${shown(lineParts(text()).value)} (write \\\\ for a backslash, or use 'single quotes')`,
      );
  }
  return at(
    `expected valid YAML, got a line it cannot read: ${shown(text().trim())} (look for a missing space after a colon, a colon in a value without quotes, or quotes or brackets not closed)`,
  );
}

/**
 * Reads YAML (core schema: times stay text, read in the site zone later), and describes every slip
 * in an editor's words, once per line, so no library text reaches an editor.
 */
export function readYaml(source: string, firstLine = 1): ReadYaml {
  const lineCounter = new LineCounter();
  // logLevel "error": the library prints no warnings of its own to the terminal.
  const doc = parseDocument(source, {
    schema: "core",
    uniqueKeys: true,
    lineCounter,
    logLevel: "error",
  });
  const lines = source.split(/\r?\n/);
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) {
    const problem = describe(error, lines, firstLine);
    if (!problems.some((p) => p.line === problem.line)) problems.push(problem);
  }
  // An alias ("*name") whose anchor is missing parses, and fails only when read.
  visit(doc, {
    Alias(_, node) {
      if (!isAlias(node) || !node.range) return;
      if (node.resolve(doc) === undefined) {
        const index = lineCounter.linePos(node.range[0]).line - 1;
        problems.push({
          line: index + firstLine,
          field: fieldAt(lines, index) ?? "front matter",
          message: `expected a value, got ${shown(`*${node.source}`)}, which starts with "*" (${QUOTE_IT})`,
        });
      }
    },
  });
  if (problems.length)
    return { doc, lineCounter, problems: problems.sort((a, b) => a.line - b.line) };
  try {
    return { doc, lineCounter, data: doc.toJS(), problems };
  } catch {
    // Aliases nested too deep to expand (a "billion laughs"): refused as a whole.
    return {
      doc,
      lineCounter,
      problems: [
        {
          line: firstLine,
          field: "front matter",
          message: `expected plain fields, got aliases ("*name") that repeat too much to read (write the values out)`,
        },
      ],
    };
  }
}

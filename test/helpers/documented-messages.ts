import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./fixture.ts";

export interface DocumentedMessage {
  /** The subsection of "Every error message and how to fix it" it is listed under. */
  section: string;
  /** As written in docs/editing.md, between backticks. */
  text: string;
  /** Matches a printed line that is this message: "…" stands for any text, N and M for numbers. */
  pattern: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wildcard = (text: string) =>
  escapeRegExp(text)
    .replaceAll("…", ".*")
    .replace(/<[a-z]+>/g, "\\S+");
const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/**
 * Every message docs/editing.md lists in the tables of "Every error message and how to fix it": in a
 * table with a field (or setting) column, a message starting "expected" is printed after "field: ".
 */
export function documentedMessages(): DocumentedMessage[] {
  const doc = readFileSync(path.join(repoRoot, "docs/editing.md"), "utf8");
  const start = doc.indexOf("## Every error message and how to fix it");
  const found: DocumentedMessage[] = [];
  let section = "";
  let header: string[] = [];
  for (const line of doc.slice(start).split("\n")) {
    if (line.startsWith("### ")) [section, header] = [line.slice(4), []];
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (!header.length) {
      header = cells;
      continue;
    }
    const column = (name: string) => cells[header.indexOf(name)] ?? "";
    const fields = spans(column("field") || column("setting"));
    for (const text of spans(column("message"))) {
      const body = wildcard(text).replace(/\bN\b|\bM\b/g, "\\d+");
      const prefix =
        fields.length && text.startsWith("expected")
          ? `(${fields.map((f) => wildcard(f).replace(/\bN\b|\bM\b/g, "\\d+")).join("|")}): `
          : "";
      found.push({ section, text, pattern: new RegExp(`${prefix}${body}`) });
    }
  }
  return found;
}

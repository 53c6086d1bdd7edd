import type { ContentError } from "./content.ts";

// Escaping rules of workflow commands: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** A content error as a GitHub Actions annotation, shown on the pull request's diff at the file and line. */
export function annotation(e: ContentError): string {
  const props = [
    `file=${escapeProperty(e.file)}`,
    ...(e.line ? [`line=${e.line}`] : []),
    `title=${escapeProperty(e.field)}`,
  ];
  return `::error ${props.join(",")}::${escapeData(`${e.field}: ${e.message}`)}`;
}

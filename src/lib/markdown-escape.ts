/** Text shown as inline code whatever it holds: the fence is longer than any run of backticks inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text.replace(/[\r\n]+/g, " ")}${pad}${fence}`;
}

/** A link target that cannot end the link early or start HTML: spaces, brackets and controls percent-encoded. */
export function markdownHref(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it must encode.
  return url.replace(/[\s()<>[\]`\\\u0000-\u001f\u007f]/g, (c) =>
    [...new TextEncoder().encode(c)]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
      .join(""),
  );
}

/** Plain text shown as itself in Markdown: punctuation that would format, link or open HTML escaped, on one line. */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]()#+!|~>-]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;");
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Every page Pagefind indexed, read back from its compressed fragments. */
export function fragments(out: string): Fragment[] {
  const dir = path.join(out, "pagefind", "fragment");
  return readdirSync(dir).map((name) =>
    JSON.parse(
      gunzipSync(readFileSync(path.join(dir, name)))
        .subarray("pagefind_dcd".length)
        .toString("utf8"),
    ),
  );
}

import { distance } from "fastest-levenshtein";

/**
 * The valid name nearest to what an editor wrote, or undefined: the same name in other capitals
 * first ("News" → "news"), else the nearest with at most two letters (or a third of them) changed ("tittle" → "title").
 */
export function nearest(written: string, valid: Iterable<string>): string | undefined {
  const names = [...valid];
  const lower = written.toLowerCase();
  const sameLetters = names.find((name) => name.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  // Two letters swapped ("titel") count as two changes.
  const limit = written.length <= 3 ? 1 : Math.max(2, Math.floor(written.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    const d = distance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** `: did you mean "title"?` when a valid name is near, else "". */
export function didYouMean(written: unknown, valid: Iterable<string>): string {
  if (typeof written !== "string") return "";
  const near = nearest(written, valid);
  return near === undefined || near === written ? "" : `: did you mean "${near}"?`;
}

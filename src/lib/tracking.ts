// Parameters that only tell a sender who clicked: utm_*, and the ad and mailing-list click ids.
const TRACKING =
  /^(utm_.+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|_ga|_gl|ref_src)$/i;

/** The URL without tracking parameters; anything that is not a URL is returned as it was. */
export function withoutTracking(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING.test(name));
  if (kept.length === [...parsed.searchParams].length) return parsed.href;
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.href;
}

/** Latin letters that Unicode does not split into a base letter and an accent, spelled in ASCII. */
const LATIN_LETTERS: Record<string, string> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ŋ: "n",
  ĸ: "k",
  ƒ: "f",
};
const LATIN_LETTER = new RegExp(`[${Object.keys(LATIN_LETTERS).join("")}]`, "gu");
// Straight, curly and modifier apostrophes, and the grave and acute accents typed in their place.
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB`\u00B4]/gu;
// Arabic short vowels, shadda, sukun, dagger alef and tatweel are optional in writing: مُظاهرة is مظاهرة.
const ARABIC_OPTIONAL = /[\u064B-\u0652\u0670\u0640]/gu;

/**
 * The one slug rule for file names, tag URLs and imported drafts: lower case, Latin letters in ASCII
 * ("Łódź" → "lodz", "Straße" → "strasse"), apostrophes dropped ("junta's" → "juntas"), letters of
 * other scripts kept with their marks ("غزة", "हिन्दी"; Arabic without its optional vowel signs),
 * everything else a single hyphen; "" when nothing usable is left.
 */
export function slugify(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/\p{M}+/gu, (marks, offset: number, whole: string) =>
      /\p{Script=Latin}/u.test(whole[offset - 1] ?? "") ? "" : marks,
    )
    .replace(ARABIC_OPTIONAL, "")
    .normalize("NFC")
    .toLocaleLowerCase("und")
    .replace(LATIN_LETTER, (letter) => LATIN_LETTERS[letter]!)
    .replace(APOSTROPHES, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/(^|-)\p{M}+/gu, "$1")
    .replace(/^-+|-+$/g, "");
}

/** Longest file-name slug in characters: a long title still makes a file name every system accepts. */
export const MAX_FILE_SLUG = 80;

/** The title's slug, cut at a word boundary to MAX_FILE_SLUG characters. */
export function fileSlug(title: string): string {
  const slug = slugify(title);
  const chars = [...slug];
  if (chars.length <= MAX_FILE_SLUG) return slug;
  const cut = chars.slice(0, MAX_FILE_SLUG + 1).join("");
  const word = cut.slice(0, cut.lastIndexOf("-"));
  return (word.length >= MAX_FILE_SLUG / 2 ? word : chars.slice(0, MAX_FILE_SLUG).join("")).replace(
    /-+$/,
    "",
  );
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { repoRoot, writeSite } from "./repo.ts";

/** The build date every benchmark run pins, so events fall both before and after "now". */
export const BENCH_BUILD_DATE = "2024-02-22";
const BENCH_ZONE = "Europe/London";

export interface CorpusOptions {
  count: number;
  seed?: number;
  buildDate?: string;
}

type CorpusKind = "article" | "action" | "event" | "edition";

export interface CorpusFile {
  /** Path under content/, e.g. "articles/2023/foo.md". */
  path: string;
  kind: CorpusKind;
  text: string;
  /** Where the full build publishes it, e.g. "/articles/foo/" or "/digest/3/". */
  url: string;
  /** Set on the tenth of the items written in Arabic (site.yml's second language). */
  lang?: "ar";
}

/** mulberry32: a small seeded PRNG, so every run benchmarks the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  "palestine",
  "gaza",
  "west bank",
  "yemen",
  "sudan",
  "kurdistan",
  "colombia",
  "cuba",
  "venezuela",
  "western sahara",
  "ukraine",
  "kashmir",
  "myanmar",
  "philippines",
  "haiti",
  "chile",
  "bolivia",
  "brazil",
  "mexico",
  "nicaragua",
  "iran",
  "iraq",
  "syria",
  "lebanon",
  "egypt",
  "tunisia",
  "morocco",
  "algeria",
  "nigeria",
  "south africa",
  "zimbabwe",
  "kenya",
  "ethiopia",
  "eritrea",
  "congo",
  "sri lanka",
  "bangladesh",
  "india",
  "pakistan",
  "afghanistan",
  "turkey",
  "greece",
  "ireland",
  "scotland",
  "wales",
  "basque country",
  "catalonia",
  "cyprus",
  "west papua",
  "hong kong",
];
const TOPICS = [
  "trade unions",
  "strikes",
  "nhs",
  "housing",
  "climate",
  "debt",
  "covid-19",
  "vaccines",
  "refugees",
  "asylum",
  "deportations",
  "arms trade",
  "bds",
  "boycott",
  "sanctions",
  "ceasefire",
  "occupation",
  "settlements",
  "prisoners",
  "hunger strike",
  "political prisoners",
  "human rights",
  "free speech",
  "protest rights",
  "policing",
  "racism",
  "antiracism",
  "anti-fascism",
  "women's rights",
  "lgbt+ rights",
  "disability rights",
  "education",
  "students",
  "universities",
  "teachers",
  "nurses",
  "doctors",
  "dockers",
  "rail workers",
  "postal workers",
  "journalists",
  "press freedom",
  "water",
  "food sovereignty",
  "land rights",
  "indigenous rights",
  "mining",
  "oil",
  "gas",
  "pipelines",
  "fossil fuels",
  "deforestation",
  "drought",
  "famine",
  "aid",
  "medical aid",
  "fundraising",
  "twinning",
  "sister cities",
  "film",
  "radio",
  "books",
  "music",
  "poetry",
  "theatre",
  "football",
  "sport",
  "history",
  "memorial",
  "anniversary",
  "elections",
  "referendum",
  "parliament",
  "mps",
  "lobbying",
  "petitions",
  "letters",
  "demonstrations",
  "marches",
  "vigils",
  "solidarity",
  "internationalism",
  "peace",
  "nuclear disarmament",
  "nato",
  "war",
  "militarism",
  "imperialism",
  "colonialism",
  "reparations",
  "austerity",
  "cost of living",
  "wages",
  "pensions",
];
// A few tags as editors really type them: capitals, stray spaces, non-Latin scripts.
const ODD_TAGS = [
  "Palestine",
  " Gaza ",
  "غزة",
  "Kurdistan",
  "NHS",
  "Trade Unions",
  "كردستان",
  "Україна",
  "Cuba Sí",
];
/** About 150 tags, most common first; picked with Zipf-like weights as tags are in real archives. */
export const TAG_POOL = [
  ...PLACES.slice(0, 10),
  ...TOPICS.slice(0, 20),
  ...ODD_TAGS,
  ...PLACES.slice(10),
  ...TOPICS.slice(20),
];

const CATEGORIES = [
  "news",
  "analysis",
  "statement",
  "campaign",
  "fundraiser",
  "event",
  "twinning",
  "culture",
];
const SOURCES = [
  "Socialist Worker",
  "Morning Star",
  "Middle East Eye",
  "Novara Media",
  "Red Pepper",
  "Al Jazeera",
  "The Canary",
];
const AUTHORS = [
  "Isabel",
  "Sam Okafor",
  "Ruth Levy",
  "Karim Haddad",
  "Niamh Byrne",
  "Tomás Ruiz",
  "Priya Shah",
];
const LOCATIONS = [
  "Online",
  "Conway Hall, London",
  "Friends Meeting House, Manchester",
  "Glasgow City Chambers",
  "Online",
  "Trades Club, Hebden Bridge",
  "Bristol Harbourside",
];
const CTA_LABELS = [
  "Sign the petition",
  "Write to your MP",
  "Donate",
  "Join the group",
  "Register",
  "Get tickets",
  "Share the statement",
];
const WORDS = (
  "solidarity workers union strike march protest rally campaign government ministers people community families children " +
  "hospital school water food aid support call action demand release justice rights peace occupation ceasefire border " +
  "delegation report statement organisers activists council trade boycott petition letter meeting evening speakers film " +
  "city village harvest farmers students teachers nurses doctors journalists prisoners refugees camp siege blockade " +
  "fund money appeal twinning friendship visit history memory anniversary week month year today thousands hundreds"
).split(" ");

// The second language's words: an Arabic item reads as Arabic to the search index's stemmer.
const ARABIC_WORDS = (
  "تضامن عمال نقابة إضراب مسيرة احتجاج حملة حكومة شعب مجتمع عائلات أطفال مستشفى مدرسة ماء غذاء " +
  "مساعدات دعم نداء مطالب حرية عدالة حقوق سلام احتلال وقف إطلاق النار حصار لاجئين أسرى مخيم " +
  "وفد تقرير بيان ناشطين مجلس مقاطعة عريضة رسالة اجتماع طلاب معلمين ممرضين أطباء صحفيين ذكرى"
).split(" ");

const pick = <T>(rand: () => number, list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)]!;

function zipfPicker(rand: () => number, size: number, exponent = 1.05): () => number {
  const weights = Array.from({ length: size }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const r = rand();
    const index = cumulative.findIndex((c) => r <= c);
    return index === -1 ? size - 1 : index;
  };
}

function sentence(rand: () => number, min = 8, max = 18, arabic = false): string {
  const length = min + Math.floor(rand() * (max - min + 1));
  const words = Array.from({ length }, () => pick(rand, arabic ? ARABIC_WORDS : WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

const title = (rand: () => number, arabic = false) =>
  sentence(rand, 4, 9, arabic).replace(/\.$/, "");
const yamlString = (value: string) => JSON.stringify(value);

function body(rand: () => number, links: string[], arabic = false): string {
  const parts: string[] = [];
  const paragraphs = 3 + Math.floor(rand() * 4);
  for (let p = 0; p < paragraphs; p++) {
    if (p === 2 && rand() < 0.4) parts.push(`## ${title(rand, arabic)}`);
    if (p === 3 && rand() < 0.3) {
      parts.push(Array.from({ length: 3 }, () => `- ${sentence(rand, 4, 8, arabic)}`).join("\n"));
      continue;
    }
    const sentences = Array.from({ length: 2 + Math.floor(rand() * 4) }, () =>
      sentence(rand, 8, 18, arabic),
    );
    if (rand() < 0.5) sentences[0] = `**${sentences[0]!.replace(/\.$/, "")}**.`;
    if (links.length && rand() < 0.3)
      sentences.push(`Read [our earlier report](${pick(rand, links)}) for the background.`);
    if (rand() < 0.25)
      sentences.push(`More at <https://example.org/${Math.floor(rand() * 1000)}>.`);
    parts.push(sentences.join(" "));
  }
  return parts.join("\n\n");
}

/**
 * A deterministic corpus of `count` items: a fifth actions, a tenth events (half in each section),
 * the rest articles; 2 to 3 tags each, spread over the three years before the build date. On top,
 * one weekly edition of the digest per 100 items (at least one), each naming eight of them.
 */
export function generateCorpus(options: CorpusOptions): CorpusFile[] {
  const { count, seed = 4000, buildDate = BENCH_BUILD_DATE } = options;
  const rand = prng(seed);
  const nextTag = zipfPicker(rand, TAG_POOL.length);
  const now = DateTime.fromISO(buildDate, { zone: BENCH_ZONE });
  const files: CorpusFile[] = [];
  const published: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind: CorpusKind = i % 10 === 3 ? "event" : i % 5 === 1 ? "action" : "article";
    const section =
      kind === "action" || (kind === "event" && i % 20 === 3) ? "actions" : "articles";
    // A tenth of the items are in Arabic; half of those translate the English article before them.
    const arabic = i % 10 === 8;
    const heading = title(rand, arabic);
    const slug = arabic
      ? `ar-${i}`
      : `${heading
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .slice(0, 48)
          .replace(/-+$/, "")}-${i}`;
    const date = now.minus({ days: Math.floor(rand() * 1095), hours: Math.floor(rand() * 12) });
    const tags: string[] = [];
    const want = 2 + Math.floor(rand() * 2);
    while (tags.length < want) {
      const tag = TAG_POOL[nextTag()]!;
      if (!tags.some((t) => t.trim().toLowerCase() === tag.trim().toLowerCase())) tags.push(tag);
    }
    const category =
      kind === "event"
        ? "event"
        : section === "actions"
          ? pick(rand, ["campaign", "fundraiser", "twinning"])
          : pick(rand, CATEGORIES);
    const lines = [
      `title: ${yamlString(heading)}`,
      ...(arabic ? ["lang: ar"] : []),
      ...(arabic && i % 20 === 8 ? [`translationOf: ${files[i - 1]!.path}`] : []),
      `date: ${rand() < 0.5 ? date.toISODate() : date.toFormat("yyyy-MM-dd'T'HH:mm")}`,
      `category: ${category}`,
      `tags: [${tags.map(yamlString).join(", ")}]`,
      `summary: ${yamlString(sentence(rand, 12, 24))}`,
    ];
    if (rand() < 0.6) lines.push(`author: ${yamlString(pick(rand, AUTHORS))}`);
    if (section === "articles" && rand() < 0.7) {
      lines.push(
        "source:",
        `  name: ${yamlString(pick(rand, SOURCES))}`,
        `  url: https://example.org/stories/${i}`,
      );
    }
    if (section === "actions" || rand() < 0.1) {
      lines.push(
        "cta:",
        `  label: ${yamlString(pick(rand, CTA_LABELS))}`,
        `  url: https://example.org/act/${i}`,
      );
      if (rand() < 0.7)
        lines.push(`  deadline: ${now.plus({ days: Math.floor(rand() * 240) - 120 }).toISODate()}`);
    }
    if (kind === "event") {
      const start = now.plus({ days: Math.floor(rand() * 360) - 180 }).startOf("day");
      const location = pick(rand, LOCATIONS);
      lines.push("event:");
      if (rand() < 0.3) {
        lines.push(`  start: ${start.toISODate()}`);
        if (rand() < 0.5)
          lines.push(`  end: ${start.plus({ days: 1 + Math.floor(rand() * 2) }).toISODate()}`);
      } else {
        const at = start.set({ hour: 10 + Math.floor(rand() * 10), minute: rand() < 0.5 ? 0 : 30 });
        lines.push(
          `  start: "${at.toFormat("yyyy-MM-dd'T'HH:mm")}"`,
          `  end: "${at.plus({ minutes: 90 }).toFormat("yyyy-MM-dd'T'HH:mm")}"`,
        );
      }
      lines.push(`  location: ${yamlString(location)}`);
      if (location === "Online") lines.push(`  url: https://example.org/join/${i}`);
    }
    const folder = `${section}/${date.year}`;
    const url = `${arabic ? "/ar" : ""}/${section}/${slug}/`;
    files.push({
      path: `${folder}/${slug}.md`,
      kind,
      text: `---\n${lines.join("\n")}\n---\n${body(rand, published.slice(-50), arabic)}\n`,
      url,
      ...(arabic ? { lang: "ar" as const } : {}),
    });
    published.push(url);
  }
  // Editions are in English, so they list English items.
  const total = Math.max(1, Math.floor(files.length / 100));
  return [
    ...files,
    ...editions(
      rand,
      files.filter((f) => !f.lang),
      now,
      total,
    ),
  ];
}

/** Weekly editions ending on the build date, each with two sections of four items and a note or two. */
function editions(
  rand: () => number,
  items: CorpusFile[],
  now: DateTime,
  total: number,
): CorpusFile[] {
  return Array.from({ length: total }, (_, k) => {
    const number = k + 1;
    const date = now.minus({ weeks: total - number }).startOf("day");
    const chosen = new Set<CorpusFile>();
    while (chosen.size < Math.min(8, items.length)) chosen.add(pick(rand, items));
    const refs = [...chosen];
    const section = (heading: string, list: CorpusFile[]) => [
      `  - heading: ${yamlString(heading)}`,
      "    items:",
      ...list.flatMap((file) =>
        rand() < 0.3
          ? [
              `      - item: content/${file.path}`,
              `        note: ${yamlString(sentence(rand, 6, 12))}`,
            ]
          : [`      - content/${file.path}`],
      ),
    ];
    const lines = [
      `title: ${yamlString(title(rand))}`,
      `date: ${date.toISODate()}`,
      `number: ${number}`,
      `summary: ${yamlString(sentence(rand, 10, 18))}`,
      "sections:",
      ...section(title(rand), refs.slice(0, 4)),
      ...section(title(rand), refs.slice(4)),
    ];
    return {
      path: `editions/${date.year}/${String(number).padStart(3, "0")}.md`,
      kind: "edition" as const,
      text: `---\n${lines.join("\n")}\n---\n${sentence(rand)} ${sentence(rand)}\n`,
      url: `/digest/${number}/`,
    };
  });
}

/** Writes the corpus as a content folder (with the repository's settings and section data) under `dir`. */
export function writeCorpus(dir: string, files: CorpusFile[]): string {
  return writeSite(
    dir,
    Object.fromEntries(files.map((file) => [file.path, file.text])),
    readFileSync(path.join(repoRoot, "content", "_data", "site.yml")),
  );
}

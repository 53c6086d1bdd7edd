import { md } from "../helpers/fixture.ts";

/**
 * Content for the search tests (build date 2024-02-22): "checkpoint" is in one article only; "rafah" in an
 * article and an action; "solidarity" in twelve articles (more than one page of results); a draft and a
 * scheduled item each carry a word found nowhere else. Add the image `articles/banner.jpg` beside it.
 */
export function searchFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "articles/rafah-report.md": md(
      'title: Rafah crossing report\ndate: 2024-02-20\ncategory: news\ntags: [Palestine, " rafah "]\nsummary: What happened at the Rafah crossing.\nimage:\n  src: ./banner.jpg\n  alt: A red banner',
      "Aid lorries waited at the checkpoint for a third day while families in Rafah sheltered in tents.",
    ),
    "articles/march-report.md": md(
      "title: London march report\ndate: 2024-02-19\ncategory: news\ntags: [palestine]",
      "Thousands marched through central London.\n\n![Marchers on the bridge](./banner.jpg)\n\nThe march ended at Parliament Square.",
    ),
    "articles/arabic-report.md": md(
      'title: Report from Gaza\ndate: 2024-02-18\ncategory: analysis\ntags: ["غزة"]',
      "Doctors described the hospital under siege.",
    ),
    "articles/cat-bulletin.md": md(
      "title: Film bulletin\ndate: 2024-02-17\ncategory: culture",
      "A new documentary about dockers opens this week.",
    ),
    "actions/sign-for-rafah.md": md(
      "title: Sign the letter on Rafah\ndate: 2024-02-16\ncategory: campaign\ntags: [palestine]\ncta:\n  label: Sign the letter\n  url: https://example.org/sign",
      "Ask your MP to speak up for Rafah before the vote.",
    ),
    "actions/night-vigil.md": md(
      'title: Night vigil\ndate: 2024-02-15\ncategory: event\ntags: [Gaza]\ncta:\n  label: Come along\n  url: https://example.org/vigil\nevent:\n  start: "2024-03-01T19:00"\n  location: Trafalgar Square',
      "Bring candles to the vigil.",
    ),
    "articles/secret-draft.md": md(
      "title: Secret draft\ndate: 2024-02-10\ncategory: news\ndraft: true",
      "The zeppelinword must never be found.",
    ),
    "articles/future.md": md(
      "title: Future item\ndate: 2024-03-10\ncategory: news",
      "The quasarword is scheduled.",
    ),
    "pages/about.md": md(
      "title: About the digest\ndate: 2021-01-01",
      "Who we are and how to reach the editors.",
    ),
  };
  for (let n = 1; n <= 12; n++) {
    const nn = String(n).padStart(2, "0");
    files[`articles/solidarity-${nn}.md`] = md(
      `title: Solidarity note ${nn}\ndate: 2024-01-${nn}\ncategory: statement`,
      `Solidarity message number ${nn} from a branch.`,
    );
  }
  return files;
}

/**
 * The search content in two languages: "مدرسة" (school) is in one Arabic article, as "المدرسة", and
 * in one English article as it is; "غزة" is in three Arabic items; "checkpoint" stays in one English
 * article, and its Arabic translation says "الحاجز" instead; "الزيتون" (olives) is in an Arabic draft only.
 */
export function searchLanguageFiles(): Record<string, string> {
  return {
    ...searchFiles(),
    "articles/school-letter.md": md(
      "title: A letter from a school\ndate: 2024-02-14\ncategory: statement",
      "Pupils in Leeds wrote the word مدرسة on the board for their twin school.",
    ),
    "articles/gaza-schools.md": md(
      "title: مدارس غزة تحت الحصار\ndate: 2024-02-13\ncategory: news\nlang: ar\ntags: [غزة, تعليم]\nsummary: المعلمون يواصلون التدريس.",
      "في المدرسة الوحيدة الباقية في الحي، يواصل المعلمون في غزة التدريس رغم القصف.",
    ),
    "articles/rafah-report-ar.md": md(
      "title: تقرير معبر رفح\ndate: 2024-02-20\ncategory: news\nlang: ar\ntranslationOf: articles/rafah-report.md\ntags: [غزة]",
      "انتظرت شاحنات المساعدات عند الحاجز لليوم الثالث بينما احتمت العائلات في غزة بالخيام.",
    ),
    "articles/olive-harvest-draft.md": md(
      "title: موسم الزيتون\ndate: 2024-02-11\ncategory: news\nlang: ar\ndraft: true",
      "مسودة عن قطف الزيتون في الضفة.",
    ),
    "actions/gaza-vigil-ar.md": md(
      "title: وقفة تضامنية مع غزة\ndate: 2024-02-12\ncategory: campaign\nlang: ar\ncta:\n  label: وقِّع الرسالة\n  url: https://example.org/sign-ar",
      "اطلب من نائبك الدفاع عن أهل غزة قبل التصويت.",
    ),
  };
}

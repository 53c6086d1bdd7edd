import { DEFAULT_SETTINGS, md } from "./fixture.ts";

/** The fixture settings with Arabic beside English (Arabic-Indic digits, its own title and labels). */
export const BILINGUAL_SETTINGS = `${DEFAULT_SETTINGS}languages:
  ar:
    name: العربية
    dir: rtl
    digits: arab
    title: نشرة التضامن
    description: أخبار التضامن.
    categories:
      news: أخبار
      analysis: تحليلات
      statement: بيانات
      campaign: حملات
      fundraiser: جمع تبرعات
      event: فعاليات
      twinning: توأمة
      culture: ثقافة
`;

/** An English article with an event and its Arabic translation, an Arabic-only action, an English-only page. */
export const BILINGUAL_FILES: Record<string, string> = {
  "articles/march-for-gaza.md": md(
    `title: March for Gaza in Leeds
date: 2024-02-05
category: news
tags: [Gaza, Leeds]
summary: Thousands marched through Leeds.
event:
  start: 2024-03-02T12:00
  end: 2024-03-02T15:00
  location: Leeds Town Hall`,
    "Thousands marched through Leeds on Saturday.",
  ),
  "articles/مسيرة-غزة.md": md(
    `title: مسيرة من أجل غزة في ليدز
date: 2024-02-05
lang: ar
translationOf: articles/march-for-gaza.md
category: news
tags: [Gaza, Leeds]
summary: الآلاف ساروا في شوارع ليدز.
event:
  start: 2024-03-02T12:00
  end: 2024-03-02T15:00
  location: Leeds Town Hall`,
    "سار الآلاف في شوارع ليدز يوم السبت تضامنًا مع غزة.",
  ),
  "actions/بيان-الشركاء.md": md(
    `title: وقّعوا بيان الشركاء الفلسطينيين
date: 2024-02-10
lang: ar
category: campaign
tags: [فلسطين]
cta:
  label: وقّع البيان
  url: https://partners.example.org/sign
  deadline: 2024-03-15`,
    "بيان من شركائنا في نابلس.",
  ),
  "pages/about.md": md(`title: About\ndate: 2024-01-01`, "Who we are."),
};

import { DEFAULT_SETTINGS, makeFixture, md } from "./fixture.ts";

/**
 * The fixture settings with Arabic beside English, right to left, in Arabic-Indic digits, with its own
 * title and every category labelled (as site.yml must): the one two-language fixture. It ends inside
 * languages.ar, so ARABIC_GROUP_LABELS may follow it.
 */
export const BILINGUAL_SETTINGS = `${DEFAULT_SETTINGS}languages:
  ar:
    name: العربية
    dir: rtl
    digits: arab
    title: نشرة التضامن
    description: أخبار التضامن.
    categories:
      news: أخبار
      analysis: تحليل
      statement: بيانات
      campaign: حملات
      fundraiser: جمع تبرعات
      event: فعاليات
      twinning: توأمة وصداقة
      culture: ثقافة
`;

/** The Arabic labels of every default kind and region, for a two-language fixture that lists groups. */
export const ARABIC_GROUP_LABELS = `    groups:
      kinds:
        town-link: روابط المدن
        school: مدارس
        university: جامعات
        faith-group: جماعات دينية
        union-branch: فروع نقابية
        solidarity-group: مجموعات تضامن
        other: مجموعات أخرى
      regions:
        scotland: اسكتلندا
        northern-ireland: إيرلندا الشمالية
        north-east: شمال شرق إنجلترا
        north-west: شمال غرب إنجلترا
        yorkshire: يوركشاير وهامبر
        east-midlands: ميدلاندز الشرقية
        west-midlands: ميدلاندز الغربية
        wales: ويلز
        east: شرق إنجلترا
        london: لندن
        south-east: جنوب شرق إنجلترا
        south-west: جنوب غرب إنجلترا
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

/**
 * The right-to-left browser tests' site, page size 2 so both lists paginate: three articles in each
 * language (two Arabic ones translate English ones, one is Arabic only and has an Arabic file name),
 * an action in each, and an event in March 2024 in both.
 */
export function makeRtlSite(): string {
  return makeFixture(
    {
      "articles/bridge-march.md": md(
        `title: Thousands march across the bridge for a ceasefire
date: 2024-02-20
category: news
tags: [palestine]
summary: A march of several thousand people crossed the river on Saturday.`,
        "> A quotation from a speaker at the rally, set apart from the report.\n\nThe march was *peaceful* throughout.",
      ),
      "articles/bridge-march-ar.md": md(
        `title: الآلاف يعبرون الجسر في مسيرة من أجل وقف إطلاق النار
lang: ar
translationOf: articles/bridge-march.md
date: 2024-02-20
category: news
tags: [palestine]
summary: عبرت مسيرة من عدة آلاف من الناس النهر يوم السبت.`,
        "> اقتباس من إحدى المتحدثات في التجمع، منفصل عن التقرير.\n\nكانت المسيرة *سلمية* طوال الوقت.",
      ),
      "articles/union-statement.md": md(
        `title: Union conference passes solidarity motion
date: 2024-02-18
category: statement
summary: Delegates voted for a twinning link with a union abroad.`,
      ),
      "articles/film-night.md": md(
        `title: Film night and discussion
date: 2024-02-10
category: culture
summary: A screening followed by a discussion with the director.
event: { start: "2024-03-02T19:00", end: "2024-03-02T21:30", location: "Friends Meeting House, Manchester" }`,
      ),
      "articles/film-night-ar.md": md(
        `title: عرض فيلم ونقاش
lang: ar
translationOf: articles/film-night.md
date: 2024-02-10
category: culture
summary: عرض فيلم يليه نقاش مع المخرجة.
event: { start: "2024-03-02T19:00", end: "2024-03-02T21:30", location: "Friends Meeting House, Manchester" }`,
        "عرض ونقاش في مانشستر.",
      ),
      "articles/إضراب-عمال-المتاحف.md": md(
        `title: عمال المتاحف يبدؤون إضرابًا لمدة ثمانية أسابيع
lang: ar
date: 2024-02-15
category: news
summary: بدأ عمال المتاحف إضرابًا بسبب الأجور، مع اعتصامات كل صباح.`,
        "بدأ العمال إضرابهم صباح الاثنين.",
      ),
      "actions/open-letter.md": md(
        `title: Write to your MP about arms sales
date: 2024-02-19
category: campaign
summary: Use the template letter to ask your MP to back a halt to arms sales.
cta: { label: Write to your MP, url: "https://example.org/letter", deadline: 2024-03-31 }`,
      ),
      "actions/open-letter-ar.md": md(
        `title: اكتبوا إلى نائبكم بشأن صفقات السلاح
lang: ar
translationOf: actions/open-letter.md
date: 2024-02-19
category: campaign
summary: استخدموا نموذج الرسالة لمطالبة نائبكم بدعم وقف صفقات السلاح.
cta: { label: اكتبوا إلى نائبكم, url: "https://example.org/letter", deadline: 2024-03-31 }`,
      ),
    },
    BILINGUAL_SETTINGS.replace("pageSize: 20", "pageSize: 2"),
  );
}

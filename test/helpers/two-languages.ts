import { DEFAULT_SETTINGS } from "./fixture.ts";

/** The fixture settings with Arabic as a second language: every category labelled in it, as site.yml must. */
export const TWO_LANGUAGES = `${DEFAULT_SETTINGS}languages:
  ar:
    name: العربية
    dir: rtl
    digits: arab
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

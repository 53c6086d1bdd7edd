import type { Item } from "./content.ts";
import { isoDate } from "./format.ts";

export interface JsonLdContext {
  siteTitle: string;
  absolute: (url: string) => string;
  imageUrl: (item: Item) => string;
}

/** schema.org NewsArticle for an article page: https://developers.google.com/search/docs/appearance/structured-data/article */
export function articleJsonLd(item: Item, ctx: JsonLdContext): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: item.title,
    ...(item.summary ? { description: item.summary } : {}),
    datePublished: isoDate(item.date),
    url: ctx.absolute(item.url as string),
    mainEntityOfPage: ctx.absolute(item.url as string),
    ...(item.image ? { image: [ctx.imageUrl(item)] } : {}),
    author: item.author
      ? { "@type": "Person", name: item.author }
      : { "@type": "Organization", name: ctx.siteTitle },
    publisher: { "@type": "Organization", name: ctx.siteTitle, url: ctx.absolute("/") },
    ...(item.tags.length ? { keywords: item.tags.join(", ") } : {}),
    ...(item.source ? { isBasedOn: item.source.url } : {}),
  };
}

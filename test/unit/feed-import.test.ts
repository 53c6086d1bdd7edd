import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../src/lib/feed-import.ts";
import { watchUrl } from "../../src/lib/feed-markdown.ts";
import { withoutTracking } from "../../src/lib/tracking.ts";

const base = "https://partner.example.org/news/story";

describe("htmlToMarkdown: tables", () => {
  it("turns a table with a header row into a Markdown table, cells on one line and pipes escaped", () => {
    const html = `<p>Results:</p><table><thead><tr><th>Branch</th><th>Votes</th></tr></thead>
<tbody><tr><td><strong>Leeds</strong> | city</td><td>120</td></tr><tr><td><p>Hull</p><p>and port</p></td><td>98</td></tr></tbody></table><p>After.</p>`;
    expect(htmlToMarkdown(html, base)).toBe(
      "Results:\n\n| Branch | Votes |\n| --- | --- |\n| **Leeds** \\| city | 120 |\n| Hull and port | 98 |\n\nAfter.",
    );
  });

  it("makes the first row the header when there is no th, pads short rows and keeps spanned columns", () => {
    const html = `<table><caption>Turnout</caption><tr><td>Town</td><td>Day</td><td>People</td></tr>
<tr><td colspan="2"><a href="/leeds">Leeds</a></td><td>300</td></tr><tr><td>Hull</td></tr></table>`;
    expect(htmlToMarkdown(html, base)).toBe(
      "Turnout\n\n| Town | Day | People |\n| --- | --- | --- |\n| [Leeds](https://partner.example.org/leeds) |  | 300 |\n| Hull |  |  |",
    );
  });

  it("reads a table nested in a cell as its text, and drops an empty table", () => {
    expect(
      htmlToMarkdown(
        "<table><tr><th>A</th></tr><tr><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table><table></table>",
        base,
      ),
    ).toBe("| A |\n| --- |\n| in ner |");
  });
});

describe("htmlToMarkdown: embedded video and audio", () => {
  it("links a video frame to its watch page, with its title", () => {
    expect(
      htmlToMarkdown(
        '<p>Watch:</p><iframe src="https://www.youtube-nocookie.com/embed/abc_12-X?rel=0" title="Rally in [Leeds]"></iframe>',
        base,
      ),
    ).toBe("Watch:\n\n[Video: Rally in Leeds](https://www.youtube.com/watch?v=abc_12-X)");
  });

  it("links video and audio elements by their own or their first source's address, named by host without a title", () => {
    expect(
      htmlToMarkdown(
        '<video controls><source src="/media/march.mp4" type="video/mp4">Your browser…</video><audio src="https://cdn.example.net/ep1.mp3" aria-label="Episode 1"></audio>',
        base,
      ),
    ).toBe(
      "[Video: partner.example.org](https://partner.example.org/media/march.mp4)\n\n[Audio: Episode 1](https://cdn.example.net/ep1.mp3)",
    );
  });

  it("names an audio host's player as audio and any other frame as an embedded page; unsafe addresses vanish", () => {
    expect(
      htmlToMarkdown(
        '<iframe src="https://w.soundcloud.com/player/?url=x" title="Interview"></iframe><iframe src="https://maps.example.com/embed?pb=1"></iframe><iframe src="javascript:alert(1)" title="Trap"></iframe><video src="data:video/mp4;base64,AAAA"></video>',
        base,
      ),
    ).toBe(
      "[Audio: Interview](https://w.soundcloud.com/player/?url=x)\n\n[Embedded page: maps.example.com](https://maps.example.com/embed?pb=1)",
    );
  });

  it("turns Vimeo's player address into its page", () => {
    expect(watchUrl("https://player.vimeo.com/video/12345?h=ab")).toBe("https://vimeo.com/12345");
    expect(watchUrl("https://example.org/embed/1")).toBe("https://example.org/embed/1");
  });
});

describe("withoutTracking", () => {
  it("drops utm_* and click ids, keeps every other parameter and the fragment", () => {
    expect(
      withoutTracking(
        "https://a.example.org/news?id=7&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&page=2#top",
      ),
    ).toBe("https://a.example.org/news?id=7&page=2#top");
    expect(withoutTracking("https://a.example.org/news?utm_campaign=z")).toBe(
      "https://a.example.org/news",
    );
    expect(withoutTracking("https://a.example.org/news?q=a%20b")).toBe(
      "https://a.example.org/news?q=a%20b",
    );
    expect(withoutTracking("not a url")).toBe("not a url");
  });
});

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/lib/content.ts";
import { textDirection } from "../../src/lib/email.ts";
import { shareLinks, shareText } from "../../src/lib/share.ts";

const at = (iso: string) => ({
  at: DateTime.fromISO(iso, { zone: "Europe/London" }),
  dateOnly: true,
});
const action = {
  section: "actions",
  title: "Stop the cuts & sign",
  date: at("2024-02-01"),
  closed: false,
  cta: { label: "Sign now", url: "https://x.org/", deadline: at("2024-03-31") },
} as unknown as Item;

describe("share links", () => {
  it("puts an open action's call to action and deadline in the words", () => {
    expect(shareText(action)).toBe("Sign now by 31 March 2024: Stop the cuts & sign");
    expect(shareText({ ...action, closed: true } as Item)).toBe("Stop the cuts & sign");
    expect(shareText({ section: "editions", title: "Week", number: 4 } as unknown as Item)).toBe(
      "Week (edition 4)",
    );
  });

  it("encodes the words and the address for each service, in the order the settings give", () => {
    const links = shareLinks(action, "https://d.org/actions/a b/", {
      targets: ["email", "telegram"],
      sharePage: "https://d.org/share/",
    });
    expect(links).toEqual([
      {
        target: "email",
        label: "Email",
        href: "mailto:?subject=Stop%20the%20cuts%20%26%20sign&body=Sign%20now%20by%2031%20March%202024%3A%20Stop%20the%20cuts%20%26%20sign%20https%3A%2F%2Fd.org%2Factions%2Fa%20b%2F",
      },
      {
        target: "telegram",
        label: "Telegram",
        href: "https://t.me/share/url?url=https%3A%2F%2Fd.org%2Factions%2Fa%20b%2F&text=Sign%20now%20by%2031%20March%202024%3A%20Stop%20the%20cuts%20%26%20sign",
      },
    ]);
  });
});

describe("textDirection", () => {
  it("reads right-to-left languages from the locale", () => {
    expect(textDirection("ar")).toBe("rtl");
    expect(textDirection("ar-EG")).toBe("rtl");
    expect(textDirection("he")).toBe("rtl");
    expect(textDirection("en-GB")).toBe("ltr");
    expect(textDirection("not a locale!")).toBe("ltr");
  });
});

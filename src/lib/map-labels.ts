/** A marker on the map: its centre and radius in SVG units. */
export interface Marker {
  x: number;
  y: number;
  r: number;
}

/** A rectangle in SVG units. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a marker's number goes: the text's start and baseline, its box, and whether it needs a leader line. */
export interface PlacedLabel {
  x: number;
  y: number;
  box: Box;
  leader: boolean;
}

/** The labels' font size, and a digit's width and the text's reach above and below the baseline, in SVG units. */
export const LABEL_FONT = { size: 9, digit: 5.5, ascent: 7, descent: 2 } as const;

/** The box a label's text covers when it starts at (x, y), y being the baseline. */
export function labelBox(x: number, y: number, text: string): Box {
  return {
    x0: x,
    y0: y - LABEL_FONT.ascent,
    x1: x + text.length * LABEL_FONT.digit,
    y1: y + LABEL_FONT.descent,
  };
}

export const overlaps = (a: Box, b: Box) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const markerBox = (m: Marker): Box => ({
  x0: m.x - m.r,
  y0: m.y - m.r,
  x1: m.x + m.r,
  y1: m.y + m.r,
});
const area = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
  Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
const round = (v: number) => Math.round(v * 10) / 10;

// Right, left, above, below, then the corners: the usual reading order of a map's labels.
const DIRECTIONS: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
];
// The first ring touches the marker; further rings get a leader line back to it.
const RINGS = [0, 8, 16, 26];

/**
 * Places each marker's number where it overlaps no other label and no marker, inside `bounds`: beside
 * the marker if it can, else further out with a leader line. Greedy in the order given, so the same
 * markers always get the same places; when nothing is free, the place that overlaps least.
 */
export function placeLabels(
  items: { marker: Marker; text: string }[],
  obstacles: Marker[],
  bounds: Box,
): PlacedLabel[] {
  const blocked = obstacles.map(markerBox);
  const placed: PlacedLabel[] = [];
  for (const { marker, text } of items) {
    const width = text.length * LABEL_FONT.digit;
    const height = LABEL_FONT.ascent + LABEL_FONT.descent;
    let best: { label: PlacedLabel; cost: number } | null = null;
    for (const ring of RINGS) {
      for (const [dx, dy] of DIRECTIONS) {
        const gap = marker.r + 2 + ring;
        // The box's near edge sits `gap` from the centre on each axis it moves along; centred on the others.
        const x0 = dx > 0 ? marker.x + gap : dx < 0 ? marker.x - gap - width : marker.x - width / 2;
        const y0 =
          dy > 0 ? marker.y + gap : dy < 0 ? marker.y - gap - height : marker.y - height / 2;
        const x = round(x0);
        const y = round(y0 + LABEL_FONT.ascent);
        const box = labelBox(x, y, text);
        if (box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1)
          continue;
        const cost = [...blocked, ...placed.map((p) => p.box)].reduce(
          (sum, b) => sum + area(box, b),
          0,
        );
        if (!best || cost < best.cost) best = { label: { x, y, box, leader: ring > 0 }, cost };
        if (cost === 0) break;
      }
      if (best?.cost === 0) break;
    }
    // Nowhere inside the bounds (a marker on the very edge): beside it, as before.
    const label = best?.label ?? {
      x: round(marker.x + marker.r + 2),
      y: round(marker.y + 3),
      box: labelBox(round(marker.x + marker.r + 2), round(marker.y + 3), text),
      leader: false,
    };
    placed.push(label);
  }
  return placed;
}

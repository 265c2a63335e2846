// No ELK here: the page imports this with the graph, ELK loads on demand (use-graph-layout.ts).

/** The size a node is drawn at when nothing sized it (and the smallest a leaf state is). */
export const NODE_SIZE = { width: 240, height: 104 } as const;
/** A leaf state's width grows with its name up to this; longer names end in "…". */
export const NODE_MAX_WIDTH = 320;

/** A node's width and height. */
export interface NodeSize {
  width: number;
  height: number;
}

/** What a node shows, as far as its size goes. */
export interface NodeContent {
  name: string;
  kind: string;
  outcomeLabel: string | null;
  badges: readonly { text: string }[];
}

// The box model of .node / .header in state-graph.module.css. Generous on purpose: a node a few pixels taller
// than its text costs nothing, a badge cut off hides the one figure on-call came for.
const BORDER = 5; // the origin's double border; others are thinner
const INNER_PAD_X = 8;
const INNER_PAD_Y = 6;
const ROW_GAP = 2;
const NAME_LINE = 18; // 13 px bold at line-height 1.3
const TEXT_LINE = 16; // 12 px at line-height 1.3
const BADGE_LINE = 17; // 11 px at 1.3 plus its 1 px borders
const BADGE_GAP = 3;
const SLACK = 4;
/** A sized node with no badges: name and kind only. */
const MIN_HEIGHT = 64;

/** Width of a text at `ascii` px per ASCII character; symbols (⇅ ≡ ↻ ⚠ ◷) can fall back to a wider font. */
function textWidth(text: string, ascii: number): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 128 ? ascii : 14;
  return width;
}

/**
 * A node's size from what it shows, before layout: wide enough for its name (up to NODE_MAX_WIDTH) and
 * its widest badge, tall enough for every badge row. Pure, so layout and rendering agree without measuring.
 */
export function estimateNodeSize(content: NodeContent): NodeSize {
  const frame = 2 * (BORDER + INNER_PAD_X);
  const badgeWidths = content.badges.map((b) => Math.ceil(textWidth(b.text, 6.8)) + 10);
  const wanted = Math.max(textWidth(content.name, 8.4) + 18, textWidth(content.kind, 7), ...badgeWidths) + frame;
  const width = Math.ceil(Math.min(NODE_MAX_WIDTH, Math.max(NODE_SIZE.width, wanted)));
  const inner = width - frame;
  let rows = 0;
  let used = Infinity;
  for (const w of badgeWidths) {
    if (used + BADGE_GAP + w > inner) {
      rows++;
      used = w;
    } else used += BADGE_GAP + w;
  }
  const lines = [NAME_LINE, TEXT_LINE, ...(content.outcomeLabel ? [TEXT_LINE] : []), ...(rows > 0 ? [rows * BADGE_LINE + (rows - 1) * BADGE_GAP] : [])];
  const height = 2 * (BORDER + INNER_PAD_Y) + lines.reduce((a, b) => a + b, 0) + ROW_GAP * (lines.length - 1) + SLACK;
  return { width, height: Math.max(MIN_HEIGHT, Math.ceil(height)) };
}

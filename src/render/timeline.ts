// The annex timeline as inline SVG, drawn here from the model: no script, no fonts to fetch, no
// layout engine. SVG text does not wrap, so labels are wrapped by an estimate of glyph widths
// that errs wide (CJK one em, Latin by class); a figure taller than a page cannot break, so the
// timeline is split into figures that each fit on one.
import Handlebars from "handlebars";
import type { BriefModel, OptionalBilingual } from "../briefs/model.ts";
import { documentTitle } from "./compose.ts";
import { safe, type Translator } from "./i18n.ts";

const { escapeExpression } = Handlebars.Utils;

// Geometry in viewBox units; 642 units span the A4 text width (170 mm), so 1 unit ≈ 1 CSS px.
const WIDTH = 642;
const DATE_RIGHT = 148;
const AXIS_X = 162;
const MARK_X = 180;
const LABEL_X = 192;
const LABEL_WIDTH = WIDTH - LABEL_X - 6;
const FONT = 11;
const DATE_FONT = 10.5;
const LINE = 15;
const ENTRY_GAP = 4;
const GROUP_GAP = 12;
const TOP = 40; // below the legend
const MAX_HEIGHT = 820; // a figure that still fits on an A4 or Letter page with its caption
/** Entries further apart than this are joined by a dashed stretch of axis: time is not to scale. */
const LONG_GAP_DAYS = 366;

const KINDS = ["partnership", "engagement", "agreement"] as const;

export type TimelineEntry = {
  date: string;
  kind: (typeof KINDS)[number];
  label: OptionalBilingual;
};

/** Partnership steps, engagements (visits, not the meetings within them) and documents, by date. */
export function timelineEntries(model: BriefModel): TimelineEntry[] {
  return [
    // A level only attested has no date of its own: a source's date would plot as its start.
    ...model.partnership.history
      .filter((h) => !h.attested)
      .map((h) => ({
        date: h.since,
        kind: "partnership" as const,
        label: h.label,
      })),
    ...model.engagements
      .filter((e) => e.parent === null)
      .map((e) => ({ date: e.date, kind: "engagement" as const, label: e.title })),
    ...model.documents
      .filter((d) => d.date)
      .map((d) => ({ date: d.date as string, kind: "agreement" as const, label: d.title })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
const COLOURS: Record<TimelineEntry["kind"], string> = {
  partnership: "#8c1d18",
  engagement: "#1f4e79",
  agreement: "#2e6b30",
};

type Group = { date: string; entries: { kind: TimelineEntry["kind"]; lines: string[] }[] };

export function timelineFigures(entries: readonly TimelineEntry[], tr: Translator) {
  if (entries.length === 0) return safe(`<p class="empty">${tr.t("timeline.empty").toHTML()}</p>`);
  const groups: Group[] = [];
  for (const entry of [...entries].sort((a, b) => a.date.localeCompare(b.date))) {
    let group = groups.at(-1);
    if (!group || group.date !== entry.date) {
      group = { date: entry.date, entries: [] };
      groups.push(group);
    }
    // A document is named as prose cites it (《…》 in Chinese).
    const label =
      entry.kind === "agreement" ? documentTitle(tr, entry.label) : tr.text(entry.label);
    group.entries.push({ kind: entry.kind, lines: wrap(label, LABEL_WIDTH, FONT) });
  }

  const chunks: Group[][] = [[]];
  let height = TOP;
  for (const group of groups) {
    const h = groupHeight(group);
    const current = chunks.at(-1) as Group[];
    if (current.length > 0 && height + h > MAX_HEIGHT) {
      chunks.push([group]);
      height = TOP + h;
    } else {
      current.push(group);
      height += h;
    }
  }
  return safe(
    chunks
      .map((chunk, i) =>
        figure(chunk, tr, i, chunks.length, i > 0 ? chunks[i - 1]?.at(-1) : undefined),
      )
      .join("\n"),
  );
}

function groupHeight(group: Group): number {
  const lines = group.entries.reduce((n, e) => n + e.lines.length, 0);
  return lines * LINE + (group.entries.length - 1) * ENTRY_GAP + GROUP_GAP;
}

function figure(
  groups: Group[],
  tr: Translator,
  index: number,
  count: number,
  before: Group | undefined,
): string {
  const parts: string[] = [];
  const esc = escapeExpression;
  // Legend.
  let lx = 0;
  for (const kind of KINDS) {
    parts.push(marker(kind, lx + 6, 14));
    const label = tr.plain(`timeline.kind.${kind}`);
    parts.push(`<text class="tl-legend" x="${lx + 16}" y="18" font-size="10">${esc(label)}</text>`);
    lx += 16 + estimate(label, 10) + 22;
  }
  // Groups, then the axis under them.
  const nodes: { y: number; date: string }[] = [];
  let y = TOP;
  for (const group of groups) {
    const first = y + FONT * 0.35;
    nodes.push({ y: first - 4, date: group.date });
    parts.push(
      `<text class="tl-date" x="${DATE_RIGHT}" y="${fmt(first)}" font-size="${DATE_FONT}" text-anchor="end">${esc(tr.date(group.date))}</text>`,
    );
    for (const entry of group.entries) {
      parts.push(marker(entry.kind, MARK_X, y - 4 + FONT * 0.35));
      entry.lines.forEach((line, i) => {
        parts.push(
          `<text class="tl-label" x="${LABEL_X}" y="${fmt(y + FONT * 0.35 + i * LINE)}" font-size="${FONT}">${esc(line)}</text>`,
        );
      });
      y += entry.lines.length * LINE + ENTRY_GAP;
    }
    y += GROUP_GAP - ENTRY_GAP;
  }
  const height = Math.ceil(y);
  const axis: string[] = [];
  const firstNode = nodes[0] as { y: number; date: string };
  if (before) axis.push(segment(TOP - 14, firstNode.y, days(before.date, firstNode.date)));
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1] as { y: number; date: string };
    const b = nodes[i] as { y: number; date: string };
    axis.push(segment(a.y, b.y, days(a.date, b.date)));
  }
  for (const node of nodes) {
    axis.push(
      `<circle cx="${AXIS_X}" cy="${fmt(node.y)}" r="3.5" fill="#fff" stroke="#333" stroke-width="1.2"/>`,
    );
  }
  const title = tr.plain(count > 1 ? "timeline.titlePart" : "timeline.title", {
    n: index + 1,
    count,
  });
  const caption = tr.t("timeline.caption");
  return [
    `<figure class="timeline">`,
    `<svg class="timeline-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
    ...axis,
    ...parts,
    "</svg>",
    `<figcaption>${esc(title)}${esc(tr.plain("punct.period"))}${caption.toHTML()}</figcaption>`,
    "</figure>",
  ].join("\n");
}

function segment(y1: number, y2: number, gapDays: number): string {
  const dash = gapDays > LONG_GAP_DAYS ? ` stroke-dasharray="3 3"` : "";
  return `<line x1="${AXIS_X}" y1="${fmt(y1)}" x2="${AXIS_X}" y2="${fmt(y2)}" stroke="#555" stroke-width="1.2"${dash}/>`;
}

function marker(kind: TimelineEntry["kind"], x: number, y: number): string {
  const c = COLOURS[kind];
  if (kind === "partnership") {
    return `<path d="M${fmt(x)} ${fmt(y - 5)} L${fmt(x + 5)} ${fmt(y)} L${fmt(x)} ${fmt(y + 5)} L${fmt(x - 5)} ${fmt(y)} Z" fill="${c}"/>`;
  }
  if (kind === "agreement") {
    return `<rect x="${fmt(x - 4)}" y="${fmt(y - 4)}" width="8" height="8" fill="${c}"/>`;
  }
  return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="4" fill="${c}"/>`;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

function days(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

// Width estimates in em, deliberately generous so that a label never runs past the figure.
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]/u;
const NARROW = /[iljtf.,:;'!|()[\]\s]/;
const UPPER = /[A-Z0-9]/;

export function estimate(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    em += WIDE.test(ch)
      ? 1
      : NARROW.test(ch)
        ? 0.32
        : UPPER.test(ch)
          ? 0.7
          : ch === "m" || ch === "w"
            ? 0.85
            : 0.56;
  }
  return em * size;
}

// A line may not start with closing punctuation, nor end with opening punctuation.
const NO_START = /^[，。、；：？！）》」』”’…·,.;:!?)\]]/u;
const NO_END = /[（《「『“‘([]$/u;

/** Splits text into lines no wider than `max`: at spaces, after dashes, between CJK characters. */
export function wrap(text: string, max: number, size: number): string[] {
  // Tokens: runs of Latin letters/digits (with trailing space), or single wide characters.
  const tokens =
    text.match(
      /[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f《》“”‘’—–-]+[–\-—]?\s*|[–—-]\s*|\s+|./gu,
    ) ?? [];
  // Keep closing punctuation with what precedes it, opening punctuation with what follows.
  const units: string[] = [];
  for (const token of tokens) {
    const last = units.at(-1);
    if (last !== undefined && (NO_START.test(token) || NO_END.test(last))) {
      units[units.length - 1] = last + token;
    } else {
      units.push(token);
    }
  }
  const lines: string[] = [];
  let line = "";
  for (const unit of units) {
    if (estimate((line + unit).trimEnd(), size) <= max) {
      line += unit;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = unit.trimStart();
    // A single unit wider than the line (a long URL, say): cut it by characters.
    while (estimate(line.trimEnd(), size) > max) {
      let cut = "";
      for (const ch of line) {
        if (estimate(cut + ch, size) > max) break;
        cut += ch;
      }
      if (!cut) cut = Array.from(line)[0] as string; // never loop on a glyph wider than the line
      lines.push(cut);
      line = line.slice(cut.length);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [""];
}

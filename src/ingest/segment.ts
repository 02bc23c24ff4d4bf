// Paragraphs and sentences with the locators citations carry (`para 4`). A paragraph is a
// non-empty line; headings count as paragraphs too, so a reader finds "para 4" by counting lines.
// A sentence ends at 。！？ outside quotation marks, brackets and book titles.

export type Sentence = {
  /** 1-based paragraph number: the locator is `para N`. */
  para: number;
  /** 0-based index within the paragraph. */
  index: number;
  text: string;
};

export type Paragraph = { para: number; text: string; heading: boolean; sentences: Sentence[] };

/** Where a report ends and its furniture begins (reference lists, editor lines). */
const TRAILER = /^(参考来源|相关新闻|责任编辑|【编辑|【责任编辑|\(完\)|（完）|原标题|编辑：|编辑:)/;
const OPEN = "“‘《（「『【(";
const CLOSE = "”’》）」』】)";
const END = "。！？!?";

export function locator(para: number): string {
  return `para ${para}`;
}

function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && END.includes(ch)) {
      // A closing quote right after the full stop belongs to the sentence.
      let end = i + 1;
      while (end < text.length && CLOSE.includes(text[end] as string)) end++;
      sentences.push(text.slice(start, end).trim());
      start = end;
      i = end - 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((s) => s.length > 0);
}

/** A short line without a sentence-final mark is a heading (title, section head). */
function isHeading(line: string): boolean {
  return line.length <= 40 && !/[。！？：:]$/.test(line);
}

export function segment(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (TRAILER.test(line)) break;
    const para = paragraphs.length + 1;
    const heading = isHeading(line);
    const sentences = (heading ? [line] : splitSentences(line)).map((s, index) => ({
      para,
      index,
      text: s,
    }));
    paragraphs.push({ para, text: line, heading, sentences });
  }
  return paragraphs;
}

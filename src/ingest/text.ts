// An article's text as it arrives (a file, stdin, a GraphQL string) checked and normalised before
// any rule reads it: one error naming the argument for what cannot be ingested at all.
import { isIsoDate } from "../domain/dates.ts";
import { Refusal } from "../domain/refusal.ts";
import { normalizeText } from "../domain/zh-text.ts";

/**
 * A report is a few thousand characters (the longest fixture, a People's Daily page-3 report, is
 * 2,863). Anything over this is a paste gone wrong, and a draft runs on the server's one thread:
 * refused, not drafted.
 */
export const MAX_ARTICLE_CHARS = 50_000;

const HAN = "\\u3400-\\u9fff\\uf900-\\ufaff";
/**
 * One kind of line break, NFC, no byte-order mark; then Chinese punctuation as everywhere else
 * (half-width , ; : ? ! ( ) next to Chinese characters become full-width: zh-text.ts).
 */
export function normaliseText(raw: string): string {
  return normalizeText(
    raw
      .replace(/^\uFEFF/, "")
      .normalize("NFC")
      .replace(/\r\n?/g, "\n"),
  );
}

export type ArticleLanguage = "zh" | "en";

/** The article's language by its letters: Chinese characters, Latin words, or neither. */
export function articleLanguage(text: string): ArticleLanguage | null {
  const han = text.match(new RegExp(`[${HAN}]`, "g"))?.length ?? 0;
  const latin = text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  if (han >= 10 && han >= latin) return "zh";
  if (latin >= 10) return "en";
  return null;
}

export type ArticleInput = {
  text: string;
  publication: string;
  publishedOn: string;
  page?: string;
  url?: string;
  title?: string;
};

/** The input checked whole: every problem at once, as one refusal naming the first argument. */
export function checkArticle(input: ArticleInput): { text: string; language: ArticleLanguage } {
  const problems: { argumentName: string; message: string }[] = [];
  const text = normaliseText(input.text);
  let language: ArticleLanguage | null = null;
  if (text.trim().length === 0) {
    problems.push({ argumentName: "text", message: "the article text is empty" });
  } else if (text.length > MAX_ARTICLE_CHARS) {
    problems.push({
      argumentName: "text",
      message: `the article is ${text.length.toLocaleString("en")} characters long; a draft takes at most ${MAX_ARTICLE_CHARS.toLocaleString("en")} (one report at a time)`,
    });
  } else if (text.includes("\uFFFD")) {
    problems.push({
      argumentName: "text",
      message: "the text is not valid UTF-8 (it holds replacement characters); save it as UTF-8",
    });
  } else {
    language = articleLanguage(text);
    if (!language) {
      problems.push({
        argumentName: "text",
        message: "the text is in neither Chinese nor English; nothing can be drafted from it",
      });
    }
  }
  if (!input.publication?.trim()) {
    problems.push({ argumentName: "publication", message: "name the publication, e.g. 人民日报" });
  }
  if (!input.publishedOn) {
    problems.push({
      argumentName: "publishedOn",
      message:
        "the publication date is missing (YYYY-MM-DD); dates in the text are read against it",
    });
  } else if (!isIsoDate(input.publishedOn)) {
    problems.push({
      argumentName: "publishedOn",
      message: `"${input.publishedOn}" is not a calendar date YYYY-MM-DD`,
    });
  }
  const first = problems[0];
  if (first) {
    const message = problems.map((p) => `${p.argumentName}: ${p.message}`).join("; ");
    throw new Refusal(message, "BAD_USER_INPUT", first.argumentName, problems);
  }
  return { text, language: language as ArticleLanguage };
}

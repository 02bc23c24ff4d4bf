// `attache ingest FILE|- --publication P --published YYYY-MM-DD [--page N] [--url U] [--title T]
// [--merge] [--out draft.yaml]`: a news report → a draft dataset file to review, then import.
// Reads the database (read-only) to reference what is already stored; writes nothing to it.
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import { draftFromArticle } from "../ingest/draft-article.ts";
import { renderDraft } from "../ingest/render.ts";
import { storedFromDatabase } from "../ingest/stored-db.ts";
import { MAX_ARTICLE_CHARS, normaliseText } from "../ingest/text.ts";
import { CliError } from "./io.ts";

/** The file's text; bytes that are not UTF-8 are an error naming the file, not mojibake. */
function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = file === "-" ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  // Four bytes per character at most: anything larger is refused before decoding.
  if (bytes.length > MAX_ARTICLE_CHARS * 4) {
    throw new CliError(
      `${file} is ${(bytes.length / 1e6).toFixed(1)} MB; a report is a few thousand characters (a draft takes at most ${MAX_ARTICLE_CHARS.toLocaleString("en")})`,
      2,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file} is not UTF-8 text: save it as UTF-8 and try again`);
  }
  // Counted as the draft counts them (normalised), and said of the file rather than of "text".
  const chars = normaliseText(text).length;
  if (chars > MAX_ARTICLE_CHARS) {
    throw new CliError(
      `${file} is ${chars.toLocaleString("en")} characters long; a draft takes at most ${MAX_ARTICLE_CHARS.toLocaleString("en")} (a report is a few thousand: one report at a time)`,
      2,
    );
  }
  return text;
}

/** The same file by another name (a link, ./x for x) counts as the same file. */
function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = [fs.statSync(a), fs.statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

export type IngestOptions = {
  publication: string;
  published: string;
  page?: string;
  url?: string;
  title?: string;
  merge?: boolean;
  out?: string;
};

export async function ingest(
  config: Config,
  file: string,
  options: IngestOptions,
): Promise<number> {
  // The draft would replace the report it was drafted from.
  if (options.out && file !== "-" && sameFile(file, options.out)) {
    throw new CliError(
      `--out ${options.out} is the report being read: write the draft to another file`,
      2,
    );
  }
  const input = {
    text: readText(file),
    publication: options.publication,
    publishedOn: options.published,
    page: options.page,
    url: options.url,
    title: options.title,
  };
  const draft = draftFromArticle(input, await storedFromDatabase(config.dbFile), {
    merge: options.merge,
  });
  const heading = `Draft from ${input.publication} of ${input.publishedOn}${input.title ? `: ${input.title}` : ""} (${file === "-" ? "stdin" : file})`;
  const yaml = renderDraft(draft, heading);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  // Each drafted record carries its own "review:" comment; these notes are about the whole report.
  const summary = `${plural(draft.notes.length, "record")} drafted (each with what to review beside it), ${plural(draft.references.length, "stored record")} referenced, ${plural(draft.review.length, "note")} on the report as a whole`;
  // Listed, not only counted: a count reads as success when a note says an event was missed.
  const notes = draft.review.map((line) => `  - ${line}\n`).join("");
  if (!options.out) {
    process.stdout.write(yaml);
    process.stderr.write(`${summary}\n${notes}`);
    return 0;
  }
  // Written beside the target and renamed, so a failure never leaves half a draft. The next step
  // is the command as the README writes it (as the export header and first start do): `attache`
  // is on no PATH in a clone.
  const partial = `${options.out}.partial`;
  fs.writeFileSync(partial, yaml);
  fs.renameSync(partial, options.out);
  // Nothing drafted (a report already imported, with --merge): there is nothing to import.
  const next =
    draft.notes.length === 0
      ? "Nothing new to import.\n"
      : `Review it, then: node bin/attache.mjs import ${options.out}\n`;
  process.stderr.write(`${summary}: ${options.out}\n${notes}${next}`);
  return 0;
}

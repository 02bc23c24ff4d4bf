// The html(model) stage: Handlebars templates (templates/briefs/<name>.hbs, a layout, partials,
// print CSS, locale strings) → one self-contained HTML document for Chromium to print.
// Compiled in strict mode on a dedicated Handlebars instance; every piece of stored text is
// escaped ({{ }} or helpers that escape what they embed); nothing refers to the network.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { parse as parseYaml } from "yaml";
import type { BriefModel, PaperFormat, TemplateName } from "../briefs/model.ts";
import { briefDate, scopeOfSpec, templateNames } from "../briefs/model.ts";
import type { Locale } from "../domain/locale.ts";
import { locales } from "../domain/locale.ts";
import { zhCount } from "../domain/zh-typography.ts";
import { registerHelpers } from "./helpers.ts";
import { type Strings, stringKeys, Translator } from "./i18n.ts";
import { TEMPLATES_DIR } from "./locale-files.ts";
import { pageRules, pairName, type RenderState } from "./render-state.ts";
import { TemplateError } from "./template-error.ts";

export { TEMPLATES_DIR } from "./locale-files.ts";
export { TemplateError } from "./template-error.ts";

export type HtmlOptions = {
  locale: Locale;
  /** "A4" | "Letter": sets the CSS @page size. */
  format: PaperFormat;
  /** Banner text, top and bottom of every page (a known English label is translated); none when null. */
  classification: string | null;
  /** Who drafted the brief, printed in the header when configured. */
  drafter: string | null;
};

export type RenderedHtml = {
  html: string;
  /** The document title in the locale. */
  title: string;
  /** Every h1–h3 in document order. */
  headings: { id: string; title: string; level: number }[];
  /** Ids of the headings the table of contents lists (their page numbers go in after the print). */
  contents: string[];
  metadata: { title: string; subject: string; author: string; keywords: string[] };
};

/** The renderer's own code: a change to it changes what a template produces, so it is hashed too. */
const CODE_FILES = [
  "html.ts",
  "helpers.ts",
  "i18n.ts",
  "render-state.ts",
  "compose.ts",
  "template-error.ts",
  "timeline.ts",
].map((file) => fileURLToPath(new URL(file, import.meta.url)));

type FrontMatter = { description: string; parameters: string[]; layout: string };

type Loaded = {
  hash: string;
  meta: FrontMatter;
  main: Handlebars.TemplateDelegate;
  layout: Handlebars.TemplateDelegate;
  partials: Record<string, Handlebars.TemplateDelegate>;
  styles: Record<string, string>;
  strings: Record<Locale, Strings>;
};

const hb = Handlebars.create();
registerHelpers(hb);

// trackIds (untyped, but part of Handlebars' compiler) gives helpers the paths of their arguments,
// so that a missing one can be named.
const COMPILE_OPTIONS = { strict: true, trackIds: true, preventIndent: true } as CompileOptions;
const FILE = Symbol("template file");

/** The files (relative to the templates directory) a template is made from, sorted. */
export function templateFiles(template: TemplateName, root: string = TEMPLATES_DIR): string[] {
  return [...readInputs(template, root).files.keys()].sort();
}

/**
 * sha256 over every file the template uses (its own file, layout, partials, stylesheets, both
 * locales) and the renderer's code, so an edit to any of them changes it.
 */
export function templateHash(template: TemplateName, root: string = TEMPLATES_DIR): string {
  return readInputs(template, root).hash;
}

/** Name, description and parameters of every template, from each template's front matter. */
export function templateCatalog(
  root: string = TEMPLATES_DIR,
): { name: TemplateName; description: string; parameters: string[] }[] {
  return templateNames.map((name) => {
    const { meta } = readInputs(name, root);
    return { name, description: meta.description, parameters: meta.parameters };
  });
}

export function renderHtml(model: BriefModel, options: HtmlOptions): RenderedHtml {
  const template = model.template;
  try {
    return render(load(template, TEMPLATES_DIR), model, options);
  } catch (error) {
    throw asTemplateError(error, template);
  }
}

function render(loaded: Loaded, model: BriefModel, options: HtmlOptions): RenderedHtml {
  if (!(locales as readonly string[]).includes(options.locale)) {
    throw new TemplateError(`unsupported locale "${options.locale}"`, { field: "locale" });
  }
  const tr = new Translator(options.locale, loaded.strings[options.locale]);
  const doc = describe(model, options, tr);
  const pageCss = pageRules({
    format: options.format,
    classification: doc.classification,
    runningHeader: doc.shortTitle,
    reference: model.reference,
    date: doc.date,
    pageSeparator: tr.plain("page.separator"),
  });
  const state: RenderState = {
    template: model.template,
    tr,
    model,
    mentioned: new Set(),
    styles: loaded.styles,
    pageCss,
    otherLang: options.locale === "zh" ? "en" : "zh-CN",
  };
  const data = { render: state };
  const body = loaded.main({ ...model, doc }, { data, partials: loaded.partials });
  const html = loaded.layout(
    { doc, body: new hb.SafeString(body) },
    { data, partials: loaded.partials },
  );
  const headings = extractHeadings(html);
  const contents = [...html.matchAll(/<a class="toc-page" href="#([^"]+)"/g)].map((m) =>
    decodeEntities(m[1] as string),
  );
  // A section the contents list must be printed, or it has no page to give: say which, as the
  // reader would name it, before printing rather than after.
  const printed = new Set(headings.map((h) => h.id));
  for (const m of html.matchAll(/<a class="toc-title" href="#([^"]+)">([\s\S]*?)<\/a>/g)) {
    const id = decodeEntities(m[1] as string);
    if (printed.has(id)) continue;
    const title = decodeEntities((m[2] as string).replace(/<[^>]*>/g, "")).trim();
    throw new TemplateError(`the contents list "${title}" but the brief has no such section`, {
      template: model.template,
    });
  }
  return {
    html,
    title: doc.title,
    headings,
    contents,
    metadata: {
      title: doc.title,
      subject: doc.subject,
      author: doc.author,
      keywords: doc.keywords,
    },
  };
}

/** The document's title, running header, subject and keywords, in the locale; plain text. */
function describe(model: BriefModel, options: HtmlOptions, tr: Translator) {
  const [a, b] = model.relationship.countries.map((c) => tr.text(c.name)) as [string, string];
  const event = model.bottomLine.lead?.engagement ?? model.engagements[0];
  const relationships =
    model.sections.length > 0 ? model.sections.map((s) => s.relationship) : [model.relationship];
  const countries = relationships.flatMap((r) => r.countries);
  const scope = scopeOfSpec(model.spec);
  const plainList = (items: string[]) => decodeEntities(tr.list(items).toHTML());
  const scopeCountries = scope.countries.map((code) =>
    tr.text(countries.find((c) => c.code === code)?.name ?? { en: code, zh: code }),
  );
  const args = {
    a,
    b,
    range: tr.dateRange(model.spec.period.from, model.spec.period.to),
    event: event ? tr.text(event.title) : "",
    // What a summary covers: its relationships, or "Relations of Kyrgyzstan".
    subject:
      scope.relationships.length === 0
        ? tr.plain("scope.countries", { countries: plainList(scopeCountries) })
        : tr.plain("scope.pairs", { pairs: plainList(relationships.map((r) => pairName(tr, r))) }),
    // The running header's: the pair, the countries, or how many relationships.
    short:
      relationships.length === 1
        ? pairName(tr, relationships[0] as BriefModel["relationship"])
        : scope.relationships.length === 0
          ? plainList(scopeCountries)
          : tr.plain("scope.several", {
              count:
                tr.locale === "zh" ? zhCount(relationships.length, "组") : relationships.length,
            }),
  };
  // Daily and monthly summaries share the weekly template; only what they are called differs.
  const cadence = model.spec.template === "weekly-summary" ? model.spec.cadence : undefined;
  const kind = cadence ? `doc.${cadence}-summary` : `doc.${model.template}`;
  const keywords = [
    ...countries.map((c) => tr.text(c.name)),
    tr.plain(`${kind}.kind`),
    ...(model.partnership.current ? [tr.text(model.partnership.current.label)] : []),
  ];
  const label = options.classification;
  const classification =
    label && tr.has(`classification.${label}`) ? tr.plain(`classification.${label}`) : label;
  return {
    lang: options.locale === "zh" ? "zh-CN" : "en",
    title: tr.plain(`${kind}.title`, args),
    // On the page, a date range in the title does not break across lines.
    titleHtml: tr.t(`${kind}.title`, {
      ...args,
      range: new hb.SafeString(`<span class="nowrap">${hb.escapeExpression(args.range)}</span>`),
    }),
    shortTitle: tr.plain(`${kind}.short`, args),
    subject: tr.plain(`${kind}.subject`, args),
    kind: tr.plain(`${kind}.kind`),
    keywords: [...new Set(keywords.filter(Boolean))],
    author: options.drafter ?? "",
    date: tr.date(briefDate(model.spec)),
    reference: model.reference,
    drafter: options.drafter,
    classification,
    format: options.format,
  };
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Every h1–h3, in order, with its id and text as Chromium will title its bookmark. Our markup
 * only (stored text is escaped, so it cannot open a tag); a heading without an id is a bug.
 */
export function extractHeadings(html: string): RenderedHtml["headings"] {
  const headings: RenderedHtml["headings"] = [];
  for (const m of html.matchAll(/<h([1-3])\b([^>]*)>([\s\S]*?)<\/h\1>/g)) {
    const id = /\bid="([^"]*)"/.exec(m[2] as string)?.[1];
    const title = decodeEntities((m[3] as string).replace(/<[^>]*>/g, ""))
      .replace(/\s+/g, " ")
      .trim();
    if (!id) throw new TemplateError(`heading "${title}" has no id`);
    headings.push({ id: decodeEntities(id), title, level: Number(m[1]) });
  }
  return headings;
}

// ---------------------------------------------------------------------------------------------
// Loading: read every input, hash it, compile once per distinct hash.

type Inputs = {
  hash: string;
  meta: FrontMatter;
  /** Template-relative path → content. */
  files: Map<string, string>;
};

const cache = new Map<string, Loaded>();

function load(template: TemplateName, root: string): Loaded {
  const inputs = readInputs(template, root);
  const key = `${root}\0${template}`;
  const cached = cache.get(key);
  if (cached?.hash === inputs.hash) return cached;
  const compiled = compile(template, inputs);
  cache.set(key, compiled);
  return compiled;
}

// Reading and hashing every input costs a couple of milliseconds; a stat of each costs a tenth
// of that. Reuse the last reading while no file it read has changed size or time.
type Stamp = { file: string; stamp: string };
const readings = new Map<string, { stamps: Stamp[]; inputs: Inputs }>();

const stampOf = (file: string): string => {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    return "missing";
  }
};

function readInputs(template: TemplateName, root: string): Inputs {
  const key = `${root}\0${template}`;
  const last = readings.get(key);
  if (last?.stamps.every((s) => stampOf(s.file) === s.stamp)) return last.inputs;
  // Stamp before reading: a change made while we read shows up as a new stamp next time.
  const stamps: Stamp[] = [];
  const inputs = readInputsNow(template, root, (file) => {
    stamps.push({ file, stamp: stampOf(file) });
  });
  readings.set(key, { stamps, inputs });
  return inputs;
}

function readInputsNow(
  template: TemplateName,
  root: string,
  stamp: (file: string) => void,
): Inputs {
  if (!(templateNames as readonly string[]).includes(template)) {
    throw new TemplateError(`unknown template "${template}"; known: ${templateNames.join(", ")}`, {
      template,
      field: "template",
    });
  }
  const files = new Map<string, string>();
  const read = (rel: string, what: string): string => {
    const existing = files.get(rel);
    if (existing !== undefined) return existing;
    let text: string;
    try {
      stamp(path.join(root, rel));
      text = fs.readFileSync(path.join(root, rel), "utf8");
    } catch {
      throw new TemplateError(`template "${template}": ${what} ${rel} not found`, {
        template,
        file: rel,
      });
    }
    files.set(rel, text);
    return text;
  };

  const mainFile = `briefs/${template}.hbs`;
  const { meta } = splitFrontMatter(read(mainFile, "template"), mainFile, template);
  const pending = [mainFile, `layouts/${meta.layout}.hbs`];
  read(pending[1] as string, "layout");
  while (pending.length > 0) {
    const file = pending.pop() as string;
    const body = splitFrontMatter(read(file, "file"), file, template).body;
    for (const m of body.matchAll(/\{\{~?\s*#?>\s*([\w./-]+)/g)) {
      const rel = partialFile(m[1] as string);
      if (!files.has(rel)) {
        read(rel, "partial");
        pending.push(rel);
      }
    }
    for (const m of body.matchAll(/\{\{~?\s*styles\s+"([\w-]+)"/g)) {
      read(`styles/${m[1]}.css`, "stylesheet");
    }
  }
  for (const locale of locales) read(`locales/${locale}.json`, "locale");

  const hash = createHash("sha256").update(`attache-template\0${template}\0`);
  for (const rel of [...files.keys()].sort()) {
    hash.update(`${rel}\0${files.get(rel)}\0`);
  }
  for (const file of CODE_FILES) {
    stamp(file);
    if (fs.existsSync(file)) hash.update(`${path.basename(file)}\0${fs.readFileSync(file)}\0`);
  }
  return { hash: hash.digest("hex"), meta, files };
}

/** `{{> sources}}` → partials/sources.hbs; `{{> layouts/x}}` → layouts/x.hbs. */
function partialFile(name: string): string {
  return name.includes("/") ? `${name}.hbs` : `partials/${name}.hbs`;
}

function splitFrontMatter(
  text: string,
  file: string,
  template: string,
): { meta: FrontMatter; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { meta: { description: "", parameters: [], layout: "main" }, body: text };
  const raw = (parseYaml(m[1] as string) ?? {}) as Partial<FrontMatter>;
  if (typeof raw.description !== "string" || !Array.isArray(raw.parameters)) {
    throw new TemplateError(`${file}: front matter needs description and parameters`, {
      template,
      file,
    });
  }
  return {
    meta: {
      description: raw.description.trim(),
      parameters: raw.parameters.map(String),
      layout: typeof raw.layout === "string" ? raw.layout : "main",
    },
    body: text.slice(m[0].length),
  };
}

function compile(template: TemplateName, inputs: Inputs): Loaded {
  const one = (rel: string) => {
    const body = splitFrontMatter(inputs.files.get(rel) as string, rel, template).body;
    let fn: Handlebars.TemplateDelegate;
    try {
      fn = hb.compile(body, COMPILE_OPTIONS);
    } catch (error) {
      throw new TemplateError(`${rel}: ${(error as Error).message}`, { template, file: rel });
    }
    // Compilation is lazy: parse now, so that a syntax error shows up here and not mid-render.
    try {
      hb.precompile(body, COMPILE_OPTIONS);
    } catch (error) {
      throw new TemplateError(`${rel}: ${(error as Error).message}`, { template, file: rel });
    }
    const annotated = (context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return fn(context, options);
      } catch (error) {
        if (error && typeof error === "object" && !(FILE in error)) {
          (error as Record<symbol, string>)[FILE] = rel;
        }
        throw error;
      }
    };
    return annotated as Handlebars.TemplateDelegate;
  };

  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  const styles: Record<string, string> = {};
  const strings = {} as Record<Locale, Strings>;
  for (const rel of inputs.files.keys()) {
    if (rel.startsWith("partials/") || rel.startsWith("layouts/")) {
      const name = rel.slice(0, -".hbs".length);
      partials[rel.startsWith("partials/") ? name.slice("partials/".length) : name] = one(rel);
    } else if (rel.startsWith("styles/")) {
      const css = inputs.files.get(rel) as string;
      // The stylesheet goes into a <style> element as it is: it must not be able to close it.
      if (/<\/?style|<!--|-->/i.test(css)) {
        throw new TemplateError(`${rel} must not contain "</style", "<!--" or "-->"`, { template });
      }
      styles[path.basename(rel, ".css")] = css;
    } else if (rel.startsWith("locales/")) {
      const locale = path.basename(rel, ".json") as Locale;
      try {
        strings[locale] = JSON.parse(inputs.files.get(rel) as string) as Strings;
      } catch (error) {
        throw new TemplateError(`${rel}: ${(error as Error).message}`, { template, file: rel });
      }
    }
  }
  checkLocales(strings, template);
  const layout = partials[`layouts/${inputs.meta.layout}`];
  if (!layout) throw new TemplateError(`no layout ${inputs.meta.layout}`, { template });
  return {
    hash: inputs.hash,
    meta: inputs.meta,
    main: one(`briefs/${template}.hbs`),
    layout,
    partials,
    styles,
    strings,
  };
}

/** Both locales must define the same strings, so a template never works in one language only. */
function checkLocales(strings: Record<Locale, Strings>, template: string): void {
  const sets = locales.map((l) => new Set(stringKeys(strings[l])));
  for (const [i, set] of sets.entries()) {
    for (const [j, other] of sets.entries()) {
      if (i === j) continue;
      const gap = [...set].filter((k) => !other.has(k));
      if (gap.length > 0) {
        throw new TemplateError(
          `locale "${locales[j]}" lacks ${gap.slice(0, 5).join(", ")}${gap.length > 5 ? ", …" : ""}`,
          { template, field: gap[0] },
        );
      }
    }
  }
}

function asTemplateError(error: unknown, template: string): TemplateError {
  const file = error && typeof error === "object" ? (error as Record<symbol, string>)[FILE] : "";
  const where = (line?: number, column?: number) =>
    [file, line !== undefined ? `line ${line}:${column ?? 0}` : ""].filter(Boolean).join(" ");
  if (error instanceof TemplateError) {
    const details = { ...error.details, template, file: error.details.file ?? file };
    const at = where(details.line, details.column);
    return new TemplateError(
      `template "${template}"${at ? ` (${at})` : ""}: ${error.message}`,
      details,
      { cause: error },
    );
  }
  const e = error as Error & { lineNumber?: number; column?: number };
  const strictMiss = /^"([^"]+)" not defined in/.exec(e?.message ?? "");
  const nullRead = /Cannot read properties of (?:null|undefined) \(reading '([^']+)'\)/.exec(
    e?.message ?? "",
  );
  const field = strictMiss?.[1] ?? nullRead?.[1];
  const at = where(e?.lineNumber, e?.column);
  const message = field
    ? `missing field "${field}"`
    : (e?.message ?? String(error)).replace(/\s+-\s+\d+:\d+$/, "");
  return new TemplateError(
    `template "${template}"${at ? ` (${at})` : ""}: ${message}`,
    { template, file: file || undefined, field, line: e?.lineNumber, column: e?.column },
    { cause: error },
  );
}

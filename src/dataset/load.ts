// Reading dataset files (YAML or JSON) and validating their shape, with errors that name the
// file and the path of the bad field. Files of the first format are upgraded on read. A record of
// the wrong shape does not stop the reading: it is set aside with its problems, so that an import
// reports them together with every other problem of the file, in one pass.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { type DatasetFile, datasetFileSchema, type Section } from "./format.ts";
import { DatasetError, type Problem } from "./problems.ts";
import { isFirstFormat, upgradeFirstFormat } from "./upgrade.ts";

/** `events[2].participants[0].person`, the way a user finds the field in their file. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join("");
}

/** Schema messages as a person reads them: "is required" rather than "expected array, received
 *  undefined". */
export function readable(message: string): string {
  if (/received undefined/.test(message)) return "is required";
  if (/received null/.test(message)) return "cannot be null: it is required";
  const expected = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (expected) return `must be ${noun(expected[1])}, not ${noun(expected[2])}`;
  const option = /^Invalid option: expected one of (.*)$/.exec(message);
  if (option) return `must be one of ${option[1]?.replaceAll("|", ", ")}`;
  const literal = /^Invalid input: expected (.+)$/.exec(message);
  if (literal) return `must be ${literal[1]}`;
  const bound = /^Too (small|big): expected (\w+) to (?:be|have) ([<>]=?)(\d+)(?: (\w+))?$/.exec(
    message,
  );
  if (bound) {
    const [, , what, op, n, unit] = bound;
    const most = op?.startsWith("<");
    const strict = op === "<" || op === ">";
    const limit = `${most ? (strict ? "less than" : "at most") : strict ? "more than" : "at least"} ${n}`;
    return what === "number" ? `must be ${limit}` : `must have ${limit} ${unit ?? "items"}`;
  }
  const unknown = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknown) return `has no field ${unknown[1]?.replaceAll(", ", " or ")} (misspelt?)`;
  if (message === "Invalid input") return "is not in a form this field takes";
  return message;
}

/** What a schema's type is to a person writing the file. */
function noun(type: string | undefined): string {
  switch (type) {
    case "array":
      return "a list";
    case "object":
      return "fields (key: value)";
    case "tuple":
      return "a list of two";
    case "string":
      return "text";
    case "Infinity":
    case "NaN":
      return "a finite number";
    default:
      return /^[aeiou]/.test(type ?? "") ? `an ${type}` : `a ${type}`;
  }
}

/** The value at a path of parsed data (undefined where the path does not lead). */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

export type LoadedFile = {
  file: string;
  data: DatasetFile;
  /** Problems of records whose shape is wrong; those records are `skipped`, by section. */
  problems?: readonly Problem[];
  skipped?: ReadonlyMap<Section, ReadonlySet<number>>;
};

const shape = datasetFileSchema.shape;
const sections = Object.keys(shape).filter((name) => name !== "format") as Section[];
/** Each section's record schema (the sections are lists that default to empty). */
const recordSchemas = new Map(
  sections.map((section) => [
    section,
    (shape[section] as unknown as z.ZodDefault<z.ZodArray<z.ZodType>>).unwrap().element,
  ]),
);

const problemsOf = (file: string, data: unknown, issues: readonly z.core.$ZodIssue[]) =>
  issues.map(
    (issue): Problem => ({
      file,
      path: formatPath(issue.path),
      message: valueAt(data, issue.path) === undefined ? "is required" : readable(issue.message),
    }),
  );

/**
 * Parses one file's text; `file` is the name used in error messages. Throws DatasetError when the
 * file as a whole cannot be read (not YAML or JSON, an unknown section, a section that is not a
 * list); records of the wrong shape are returned set aside, with their problems.
 */
export function parseDatasetText(file: string, text: string): LoadedFile {
  let raw: unknown;
  try {
    // Few aliases: a file that repeats a node hundreds of times is a way to expand, not to write.
    raw = file.endsWith(".json")
      ? JSON.parse(text)
      : YAML.parse(text, { prettyErrors: true, maxAliasCount: 20 });
  } catch (error) {
    const message = (error as Error).message;
    const why = error instanceof RangeError ? "it is nested too deeply" : message;
    throw new DatasetError([{ file, path: "", message: `cannot parse: ${why}` }]);
  }
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new DatasetError([
      {
        file,
        path: "",
        message: `the file must hold sections (format: 2, countries:, events: …), not ${Array.isArray(raw) ? "a list" : "a single value"}`,
      },
    ]);
  }
  const data =
    (isFirstFormat(raw) ? upgradeFirstFormat(raw as Record<string, unknown>) : raw) ?? {};
  // The file's frame first (its format and sections), with every list emptied and any section
  // it does not know set aside as a problem, so the records are still read…
  const problems: Problem[] = [];
  const lists = new Map<Section, unknown[]>();
  const frame: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data as object)) {
    if (name !== "format" && !(sections as string[]).includes(name)) {
      problems.push({
        file,
        path: name,
        message: `unknown section "${name}": the sections are ${sections.join(", ")}`,
      });
    } else if (Array.isArray(value) && name !== "format") {
      lists.set(name as Section, value);
      frame[name] = [];
    } else frame[name] = value;
  }
  const parsed = datasetFileSchema.safeParse(frame);
  if (!parsed.success) {
    throw new DatasetError([...problems, ...problemsOf(file, data, parsed.error.issues)]);
  }
  // …then each record on its own.
  const skipped = new Map<Section, Set<number>>();
  for (const [section, list] of lists) {
    const schema = recordSchemas.get(section) as z.ZodType;
    const records: unknown[] = [];
    for (const [index, record] of list.entries()) {
      const one = schema.safeParse(record);
      if (one.success) {
        records.push(one.data);
        continue;
      }
      const issues = one.error.issues.map((issue) => ({
        ...issue,
        path: [section, index, ...issue.path],
      }));
      problems.push(...problemsOf(file, data, issues));
      let set = skipped.get(section);
      if (!set) {
        set = new Set();
        skipped.set(section, set);
      }
      set.add(index);
      // Kept in its place, so that other records keep their index, and its key stays declared.
      records.push(record);
    }
    (parsed.data as Record<Section, unknown[]>)[section] = records;
  }
  return problems.length > 0
    ? { file, data: parsed.data, problems, skipped }
    : { file, data: parsed.data };
}

export function readDatasetFile(file: string): LoadedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const { code } = error as { code?: string };
    const message =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : code === "EACCES"
            ? "cannot be read (permission denied)"
            : (error as Error).message;
    throw new DatasetError([{ file, path: "", message }]);
  }
  // Named as the user would: relative to here when it is below here.
  const relative = path.relative(process.cwd(), file);
  return parseDatasetText(relative && !relative.startsWith("..") ? relative : file, text);
}

/** Every .yaml/.yml/.json file of a folder, in name order, all validated before returning. */
export function readDatasetFolder(folder: string): LoadedFile[] {
  const names = fs
    .readdirSync(folder)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort();
  const loaded: LoadedFile[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    try {
      loaded.push(readDatasetFile(path.join(folder, name)));
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return loaded;
}

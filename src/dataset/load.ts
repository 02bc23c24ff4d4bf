// Reading dataset files (YAML or JSON) and validating their shape, with errors that name the
// file and the path of the bad field. Files of the first format are upgraded on read.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { type DatasetFile, datasetFileSchema } from "./format.ts";
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
  if (expected)
    return `must be ${expected[1] === "array" ? "a list" : `a ${expected[1]}`}, not a ${expected[2]}`;
  const option = /^Invalid option: expected one of (.*)$/.exec(message);
  if (option) return `must be one of ${option[1]?.replaceAll("|", ", ")}`;
  return message;
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

export type LoadedFile = { file: string; data: DatasetFile };

/** Parses and validates one file's text; `file` is the name used in error messages. */
export function parseDatasetText(file: string, text: string): LoadedFile {
  let raw: unknown;
  try {
    raw = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true });
  } catch (error) {
    throw new DatasetError([
      { file, path: "", message: `cannot parse: ${(error as Error).message}` },
    ]);
  }
  const data = isFirstFormat(raw) ? upgradeFirstFormat(raw as Record<string, unknown>) : raw;
  const parsed = datasetFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new DatasetError(
      parsed.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path),
        message: valueAt(data, issue.path) === undefined ? "is required" : readable(issue.message),
      })),
    );
  }
  return { file, data: parsed.data };
}

export function readDatasetFile(file: string): LoadedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new DatasetError([{ file, path: "", message: (error as Error).message }]);
  }
  return parseDatasetText(path.relative(process.cwd(), file) || file, text);
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

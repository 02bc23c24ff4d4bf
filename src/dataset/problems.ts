// What is wrong with a dataset file, as a person reads it: the file, the path of the field and a
// sentence. Apart from the loader, so the GraphQL error mapping does not load YAML and the schemas.
export type Problem = { file: string; path: string; message: string };

export class DatasetError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = problems.length > 20 ? [`… and ${problems.length - 20} more`] : [];
    super(`Invalid dataset:\n  ${[...shown, ...more].join("\n  ")}`);
    this.name = "DatasetError";
    this.problems = problems;
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

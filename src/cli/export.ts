// `attache export [--out FILE] [--format yaml|json]`: the whole dataset in the seeds' format, to
// stdout or a file. Exporting, importing into an empty database and exporting again gives the
// same file.
import fs from "node:fs";
import type { Config } from "../config.ts";
import { countRecords, exportDataset, formatDataset, formatOf } from "../dataset/export.ts";
import { withDatabase } from "./database.ts";
import { CliError, checkOutPath } from "./io.ts";

export async function exportTo(
  config: Config,
  options: { out?: string; format?: string },
): Promise<number> {
  const format = options.format ?? (options.out ? formatOf(options.out) : "yaml");
  if (format !== "yaml" && format !== "json") {
    throw new CliError(`--format must be yaml or json, not "${format}"`, 2);
  }
  if (options.out) checkOutPath(options.out);
  return withDatabase(config, async (db) => {
    const data = await exportDataset(db);
    const text = formatDataset(data, format);
    if (!options.out) {
      process.stdout.write(text);
      return 0;
    }
    // Written beside the target and renamed, so a failed export never leaves half a file.
    const partial = `${options.out}.partial`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, options.out);
    process.stderr.write(`exported ${countRecords(data)} records to ${options.out}\n`);
    return 0;
  });
}

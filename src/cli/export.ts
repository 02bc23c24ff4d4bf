// `attache export [--out FILE] [--format yaml|json]`: the whole dataset in the seeds' format, to
// stdout or a file. Exporting, importing into an empty database and exporting again gives the
// same file.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { countRecords, exportDataset, formatDataset, formatOf } from "../dataset/export.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { CliError, type Command } from "./io.ts";

const usage = "usage: attache export [--out FILE.yaml|FILE.json] [--format yaml|json]";

export const exportCommand: Command = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string", short: "o" }, format: { type: "string" } },
  });
  if (positionals.length > 0) throw new CliError(usage, 2);
  const format = values.format ?? (values.out ? formatOf(values.out) : "yaml");
  if (format !== "yaml" && format !== "json") {
    throw new CliError(`--format must be yaml or json, not "${format}"`, 2);
  }
  const db = openDatabase(config.dbFile);
  try {
    migrateDatabase(db);
    const data = exportDataset(db);
    const text = formatDataset(data, format);
    if (!values.out) {
      process.stdout.write(text);
      return 0;
    }
    // Written beside the target and renamed, so a failed export never leaves half a file.
    const partial = `${values.out}.partial`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, values.out);
    process.stderr.write(`exported ${countRecords(data)} records to ${values.out}\n`);
    return 0;
  } finally {
    db.$client.close();
  }
};

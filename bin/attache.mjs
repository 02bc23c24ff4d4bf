#!/usr/bin/env node
// The `attache` command: TypeScript sources run through jiti, so there is no build step to forget.
// jiti transforms in this thread with a file cache (node_modules/.cache/jiti); tsx's loader hooks
// run on a second thread and doubled the start-up time of every command.
import { createJiti } from "jiti";

const jiti = createJiti(import.meta.url, { fsCache: true, moduleCache: true });
const { main } = await jiti.import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

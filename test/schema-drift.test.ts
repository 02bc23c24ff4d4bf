// schema.graphql is the committed contract; regenerate it with `npm run schema:print`.
import fs from "node:fs";
import { expect, it } from "vitest";
import { printedSchema } from "../src/graphql/schema.ts";

it("schema.graphql matches the schema the code builds", () => {
  const committed = fs.readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
  expect(
    committed === printedSchema(),
    "schema.graphql is out of date: run `npm run schema:print > schema.graphql`",
  ).toBe(true);
});

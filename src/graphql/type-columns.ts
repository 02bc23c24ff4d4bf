// Fields that read only columns their type selects for every row (the type's `select`) resolve as
// plain reads of the row. plugin-drizzle otherwise wraps each field that declares a selection to
// look up, per row, how that selection was planned: ~2,000 look-ups in a relationship's dossier,
// a third of its CPU. Long texts stay selected per field, so they are read only when asked for.
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";

type Selection = { columns?: Record<string, unknown>; with?: unknown; extras?: unknown };

const isSelection = (value: unknown): value is Selection =>
  typeof value === "object" && value !== null;

/** The columns of a selection made of columns alone; null when it loads anything else. */
function columnsOnly(select: unknown): string[] | null {
  if (!isSelection(select) || select.with || select.extras) return null;
  return Object.keys(select.columns ?? {});
}

export class TypeColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> {
    const extensions = fieldConfig.extensions ?? {};
    const columns =
      fieldConfig.kind === "DrizzleObject" && columnsOnly(extensions.pothosDrizzleSelect);
    if (!columns) return fieldConfig;
    const typeSelect = this.buildCache.getTypeConfig(fieldConfig.parentType).extensions
      ?.pothosDrizzleSelect;
    const always = isSelection(typeSelect) ? (typeSelect.columns ?? {}) : {};
    if (!columns.every((column) => always[column] === true)) return fieldConfig;
    return { ...fieldConfig, extensions: { ...extensions, pothosDrizzleSelect: undefined } };
  }
}

export const typeColumnsPlugin = "attacheTypeColumns" as const;
SchemaBuilder.registerPlugin(typeColumnsPlugin, TypeColumnsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      attacheTypeColumns: TypeColumnsPlugin<Types>;
    }
  }
}

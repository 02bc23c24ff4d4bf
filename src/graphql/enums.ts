// GraphQL enums of the closed vocabularies (src/domain/vocabulary.ts): values in upper case,
// carrying the stored lower-case words.
import {
  documentActions,
  documentKinds,
  eventStatuses,
  organizationKinds,
  organizationScopes,
  participantRoles,
  projectStatuses,
  statementKinds,
  targetStatuses,
  topicKinds,
} from "../domain/vocabulary.ts";
import { builder } from "./builder.ts";

function vocabularyEnum<const V extends string>(
  name: string,
  values: readonly V[],
  description: string,
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [v.toUpperCase(), { value: v }])) as Record<
      Uppercase<V>,
      { value: V }
    >,
  });
}

export const TopicKind = vocabularyEnum("TopicKind", topicKinds, "What a topic is.");
export const OrganizationKind = vocabularyEnum(
  "OrganizationKind",
  organizationKinds,
  "What kind of body an organization is.",
);
export const OrganizationScope = vocabularyEnum(
  "OrganizationScope",
  organizationScopes,
  "Whom an organization or mechanism brings together: many countries, a region, or two.",
);
export const EventStatus = vocabularyEnum(
  "EventStatus",
  eventStatuses,
  "Whether an event took place.",
);
export const ParticipantRole = vocabularyEnum(
  "ParticipantRole",
  participantRoles,
  "The part a person played at an event.",
);
export const DocumentKind = vocabularyEnum(
  "DocumentKind",
  documentKinds,
  "What a document is: joint statement, joint press release, communiqué, declaration, MoU, agreement, cooperation programme, treaty, plan.",
);
export const DocumentAction = vocabularyEnum(
  "DocumentAction",
  documentActions,
  "What was done with a document: a joint statement is issued (发表), an agreement signed (签署).",
);
export const ProjectStatus = vocabularyEnum(
  "ProjectStatus",
  projectStatuses,
  "Where a project stands.",
);
export const StatementKind = vocabularyEnum(
  "StatementKind",
  statementKinds,
  "What a statement does, after the verb table: position (表示, 重申), assessment (认为), support (支持), opposition (反对), commitment (将, 承诺: a firm undertaking), willingness (愿: is ready to), request (希望, 期待: request or hope), agreement (双方同意, 一致认为).",
);
export const TargetStatus = vocabularyEnum(
  "TargetStatus",
  targetStatuses,
  "Where a target stands.",
);

type FieldOf<T> = T extends { field: (...args: never[]) => infer R } ? R : never;

/** A field exposing a column that holds a word of a vocabulary, as its enum (selecting only it). */
export function vocabularyField<T extends object>(
  t: T,
  column: string,
  type: object,
  options: { description?: string } = {},
): FieldOf<T> {
  const fields = t as unknown as { field: (options: Record<string, unknown>) => unknown };
  return fields.field({
    type,
    ...options,
    select: { columns: { [column]: true } },
    resolve: (row: Record<string, unknown>) => row[column],
  }) as never;
}

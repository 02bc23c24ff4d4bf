// Reading a relationship's partnership history against the ladder (the ladder itself is data: the
// partnershipLevels section of seeds/00-reference.yaml). Rank orders the levels; a rise in rank
// between two steps is an upgrade of the relationship.

export type PartnershipStep = { level: string; rank: number; since: string };

/** Whether each step raised, kept or lowered the level, in date order. */
export function describeChanges<T extends PartnershipStep>(
  history: readonly T[],
): (T & { change: "established" | "upgrade" | "same" | "downgrade" })[] {
  const ordered = [...history].sort((a, b) => a.since.localeCompare(b.since));
  return ordered.map((step, i) => {
    const previous = ordered[i - 1];
    const change = !previous
      ? "established"
      : step.rank > previous.rank
        ? "upgrade"
        : step.rank < previous.rank
          ? "downgrade"
          : "same";
    return { ...step, change };
  });
}

// The ordinal ladder of partnership designations used in Chinese diplomatic practice.
// Rank orders the levels; a rise in rank between two dates is an upgrade of the relationship.

export type PartnershipLevel = { key: string; rank: number; en: string; zh: string };

export const partnershipLadder: readonly PartnershipLevel[] = [
  { key: "friendly_relations", rank: 1, en: "friendly cooperative relations", zh: "友好合作关系" },
  { key: "partnership", rank: 2, en: "partnership", zh: "伙伴关系" },
  { key: "cooperative_partnership", rank: 3, en: "cooperative partnership", zh: "合作伙伴关系" },
  {
    key: "comprehensive_cooperative_partnership",
    rank: 4,
    en: "comprehensive cooperative partnership",
    zh: "全面合作伙伴关系",
  },
  { key: "strategic_partnership", rank: 5, en: "strategic partnership", zh: "战略伙伴关系" },
  {
    key: "comprehensive_strategic_partnership",
    rank: 6,
    en: "comprehensive strategic partnership",
    zh: "全面战略伙伴关系",
  },
  {
    key: "comprehensive_strategic_partnership_new_era",
    rank: 7,
    en: "comprehensive strategic partnership for a new era",
    zh: "新时代全面战略伙伴关系",
  },
  {
    key: "permanent_comprehensive_strategic_partnership",
    rank: 8,
    en: "permanent comprehensive strategic partnership",
    zh: "永久全面战略伙伴关系",
  },
  {
    key: "comprehensive_strategic_cooperative_partnership",
    rank: 8,
    en: "comprehensive strategic partnership of coordination",
    zh: "全面战略协作伙伴关系",
  },
];

export function findPartnershipLevel(key: string): PartnershipLevel | undefined {
  return partnershipLadder.find((level) => level.key === key);
}

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

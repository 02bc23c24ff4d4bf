// A relationship is an unordered pair of countries: ["KG", "CN"] and ["CN", "KG"] are one key.

export function relationshipKey(codes: readonly [string, string] | readonly string[]): string {
  return [...codes]
    .map((c) => c.toUpperCase())
    .sort()
    .join("-");
}

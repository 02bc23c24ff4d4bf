// What the section builders derive from stored records rather than read from a field.

/** "Will study joining": a decision announced as still to be taken. */
export function isPending(row: { textEn: string | null; textZh: string | null }): boolean {
  return /研究加入|研究是否|\bstudy (joining|whether)\b/u.test(
    `${row.textZh ?? ""} ${row.textEn ?? ""}`,
  );
}

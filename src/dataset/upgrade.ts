// Files of the first dataset format (no `format` line) still import: each record is converted to
// format 2 on read. Conversions take only what the old file says and invent nothing: a document's
// old `signedOn` becomes its date with the action its kind implies (statements and communiqués are
// issued, agreements signed); an undated project status is dropped (the history needs dates), while
// the statuses of its mentions become dated steps; mentions become records of their own.
type Raw = Record<string, unknown>;

const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);
const ISSUED = new Set(["joint_statement", "joint_communique", "declaration", "communique"]);
const OLD_KINDS: Record<string, string> = {
  joint_declaration: "declaration",
  communique: "joint_communique",
};
const SCOPE_OF_KIND: Record<string, string> = {
  ministry: "national",
  mechanism: "regional",
};

export function isFirstFormat(raw: unknown): boolean {
  return raw !== null && typeof raw === "object" && !("format" in (raw as Raw));
}

/** The same data in format 2 (records already in the new shape pass unchanged). */
export function upgradeFirstFormat(raw: Raw): Raw {
  const out: Raw = { ...raw, format: 2 };
  if (raw.organizations) {
    out.organizations = list(raw.organizations).map((o) => ({
      scope: SCOPE_OF_KIND[o.kind as string] ?? "multilateral",
      ...o,
    }));
  }
  if (raw.relationships) {
    out.relationships = list(raw.relationships).map((r) => ({
      ...r,
      partnerships: list(r.partnerships).map(({ label: _label, rank: _rank, ...step }) => step),
    }));
  }
  if (raw.documents) {
    out.documents = list(raw.documents).map(({ signedOn, ...d }) => {
      const kind = OLD_KINDS[d.kind as string] ?? d.kind;
      return {
        ...d,
        kind,
        action: d.action ?? (ISSUED.has(d.kind as string) ? "issued" : "signed"),
        ...(signedOn !== undefined && d.date === undefined ? { date: signedOn } : {}),
      };
    });
  }
  if (raw.statements) {
    out.statements = list(raw.statements).map(({ topic, organization, project, ...s }) => ({
      ...s,
      ...(topic !== undefined && s.topics === undefined ? { topics: [topic] } : {}),
      ...(organization !== undefined ? { organizations: [organization] } : {}),
      ...(project !== undefined ? { projects: [project] } : {}),
    }));
  }
  if (raw.projects) {
    const mentions: Raw[] = list(raw.projectMentions);
    out.projects = list(raw.projects).map(({ status: _undated, mentions: old, ...p }) => {
      const steps = list(old)
        .filter((m) => m.status !== undefined)
        .map((m) => ({ status: m.status, date: m.date, sources: m.sources }));
      list(old).forEach((m, n) => {
        const { status: _status, ...mention } = m;
        mentions.push({ key: `${p.key}-${String(m.date)}-${n + 1}`, project: p.key, ...mention });
      });
      return { ...p, ...(steps.length > 0 ? { statusHistory: steps } : {}) };
    });
    if (mentions.length > 0) out.projectMentions = mentions;
  }
  return out;
}

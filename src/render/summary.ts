// The bottom line up front: 3–5 sentences composed from the model, every word from the locale
// files, every piece of data escaped. No citation marks here: the sections below carry them, and
// their numbers were assigned in the order those sections are read.
import type Handlebars from "handlebars";
import type { BriefModel, Engagement, PositionsBySide } from "../briefs/model.ts";
import { type Arg, safe } from "./i18n.ts";
import { countryName, personName, type RenderState } from "./render-state.ts";

type Sentence = Handlebars.SafeString;

export function composeSummary(render: RenderState): Handlebars.SafeString {
  const sentences =
    render.template === "event-brief"
      ? eventSummary(render)
      : render.template === "weekly-summary"
        ? weeklySummary(render)
        : briefingSummary(render);
  const joiner = render.tr.locale === "zh" ? "" : " ";
  return safe(sentences.map((s) => s.toHTML()).join(joiner));
}

function briefingSummary(render: RenderState): Sentence[] {
  const { model, tr } = render;
  const out = [partnershipSentence(render)];
  out.push(engagementsSentence(render, model.engagements));
  out.push(documentsSentence(render));
  out.push(...positionSentences(render, model.positions));
  const next = model.upcoming[0];
  if (next) {
    out.push(
      tr.t("summary.upcoming", {
        count: model.upcoming.length,
        after: tr.date(model.spec.asOf),
        date: tr.date(next.date),
        title: tr.text(next.title),
      }),
    );
  } else if (model.watch.length > 0) {
    out.push(tr.t("summary.watch", { count: model.watch.length }));
  }
  return out;
}

function eventSummary(render: RenderState): Sentence[] {
  const { model, tr } = render;
  const event = model.engagements[0];
  if (!event) return [tr.t("summary.event.none")];
  const where =
    event.place.en || event.place.zh
      ? tr.t("summary.event.in", { place: tr.text(event.place) })
      : "";
  const out = [
    tr.t(`summary.event.${event.status}`, {
      title: tr.text(event.title),
      where,
      date: event.endDate ? tr.dateRange(event.date, event.endDate) : tr.date(event.date),
      type: tr.text(event.type.label),
      cameo: event.type.cameo,
    }),
  ];
  if (event.firstOfKind) out.push(tr.t("summary.event.first"));
  const sides = new Map<string | null, Handlebars.SafeString[]>();
  for (const p of event.participants) {
    const names = sides.get(p.side) ?? [];
    names.push(personName(render, p.person));
    sides.set(p.side, names);
  }
  if (sides.size > 0) {
    const groups = [...sides].map(([side, names]) =>
      side
        ? tr.t("summary.event.group", { names: tr.list(names), country: countryName(render, side) })
        : tr.list(names),
    );
    out.push(tr.t("summary.event.people", { groups: tr.list(groups, "semicolon") }));
  }
  out.push(documentsSentence(render));
  out.push(...positionSentences(render, model.positions));
  return out;
}

function weeklySummary(render: RenderState): Sentence[] {
  const { model, tr } = render;
  const out = [engagementsSentence(render, model.engagements)];
  if (model.engagements.length > 0 || model.agreements.length > 0) {
    out.push(documentsSentence(render));
  }
  const changes = model.changes;
  if (changes) {
    out.push(
      tr.t("summary.change.previous", {
        count: changes.counts.engagements[0],
        range: tr.dateRange(changes.previous.from, changes.previous.to),
      }),
    );
    const step = changes.partnershipChange;
    if (step) {
      out.push(
        tr.t(`summary.change.partnership.${step.change}`, {
          date: tr.date(step.since),
          level: tr.text(step.label),
        }),
      );
    }
    if (changes.lateAdditions.length > 0) {
      out.push(tr.t("summary.change.late", { count: changes.lateAdditions.length }));
    }
  }
  const next = model.upcoming[0];
  out.push(
    next
      ? tr.t("summary.upcoming", {
          count: model.upcoming.length,
          after: tr.date(model.spec.period.to),
          date: tr.date(next.date),
          title: tr.text(next.title),
        })
      : tr.t("summary.upcomingNone", { after: tr.date(model.spec.period.to) }),
  );
  return out;
}

function partnershipSentence(render: RenderState): Sentence {
  const { model, tr } = render;
  const [a, b] = model.relationship.countries.map((c) => tr.text(c.name)) as [string, string];
  const current = model.partnership.current;
  if (!current) return tr.t("summary.partnership.none", { a, b });
  const history = model.partnership.history;
  const previous = history[history.indexOf(current) - 1] ?? history.at(-2);
  const args: Record<string, Arg> = {
    a,
    b,
    level: tr.text(current.label),
    since: tr.date(current.since),
  };
  if (previous && previous !== current && current.change !== "established") {
    args.previous = tr.text(previous.label);
    args.previousSince = tr.date(previous.since);
    return tr.t(`summary.partnership.${current.change}`, args);
  }
  return tr.t("summary.partnership.established", args);
}

function engagementsSentence(render: RenderState, engagements: Engagement[]): Sentence {
  const { model, tr } = render;
  const from = tr.date(model.spec.period.from);
  const to = tr.date(model.spec.period.to);
  if (engagements.length === 0) return tr.t("summary.engagements.none", { from, to });
  const notable = engagements.find((e) => e.firstOfKind);
  const shown = notable ?? (engagements.at(-1) as Engagement);
  const at =
    shown.place.en || shown.place.zh
      ? tr.t("summary.placeDate", { place: tr.text(shown.place), date: tr.date(shown.date) })
      : tr.date(shown.date);
  return tr.t(notable ? "summary.engagements.notable" : "summary.engagements.latest", {
    count: engagements.length,
    from,
    to,
    title: tr.text(shown.title),
    at,
  });
}

function documentsSentence(render: RenderState): Sentence {
  const { model, tr } = render;
  const docs = model.agreements;
  if (docs.length === 0) return tr.t("summary.documents.none");
  // By kind ("a joint statement and a cooperation programme"): the titles are in the section.
  const kinds = new Map<string, number>();
  for (const d of docs) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
  return tr.t("summary.documents.some", {
    count: docs.length,
    kinds: tr.list(
      [...kinds].map(([kind, count]) => tr.t(`documentKindInline.${kind}`, { count })),
    ),
  });
}

/** How many positions each side stated, and the topics that matter most: one sentence. */
function positionSentences(render: RenderState, sides: PositionsBySide[]): Sentence[] {
  const { tr } = render;
  const stated = sides
    .map((side) => ({ side, count: side.topics.reduce((n, t) => n + t.positions.length, 0) }))
    .filter(({ count }) => count > 0)
    .map(({ side, count }) => ({
      count,
      name: tr.text(side.side.name),
      topics: tr.list(
        keyTopics(side).map((t) => tr.text(t)),
        "semicolon",
      ),
    }));
  const [a, b] = stated;
  if (a && b && stated.length === 2 && a.count > 1 && b.count > 1) {
    return [
      tr.t("summary.positionsBoth", {
        a: a.name,
        countA: a.count,
        topicsA: a.topics,
        b: b.name,
        countB: b.count,
        topicsB: b.topics,
      }),
    ];
  }
  return stated.map(({ count, name, topics }) =>
    tr.t("summary.positions", { count, side: name, topics }),
  );
}

// Stances (positions, statements of support) weigh more than requests, commitments and
// assessments; issues and initiatives more than cooperation areas, which the sections list anyway.
const KIND_WEIGHT: Record<string, number> = {
  position: 3,
  support: 3,
  request: 2,
  commitment: 1,
  assessment: 0,
};

export function keyTopics(
  side: PositionsBySide,
  limit = 3,
): BriefModel["positions"][number]["topics"][number]["topic"]["name"][] {
  return side.topics
    .map((group, order) => ({
      name: group.topic.name,
      tier: group.topic.kind === "cooperation_area" ? 1 : 0,
      weight: Math.max(...group.positions.map((p) => KIND_WEIGHT[p.kind] ?? 0)),
      count: group.positions.length,
      order,
    }))
    .sort(
      (x, y) => x.tier - y.tier || y.weight - x.weight || y.count - x.count || x.order - y.order,
    )
    .slice(0, limit)
    .map((t) => t.name);
}

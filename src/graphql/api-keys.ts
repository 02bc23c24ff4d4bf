// API keys over GraphQL: who am I (anyone), and key management (admin). Tokens are shown once, on
// creation; listings show only a prefix to recognise a key by.
import { type ApiKeyInfo, createApiKey, listApiKeys, revokeApiKey } from "../auth/keys.ts";
import { actorOf } from "../auth/principal.ts";
import { type Role, roles } from "../auth/roles.ts";
import { builder } from "./builder.ts";

const RoleEnum = builder.enumType("Role", {
  description:
    "viewer reads; editor also writes data and makes briefs; admin also manages keys, schedules and imports.",
  values: Object.fromEntries(roles.map((r) => [r.toUpperCase(), { value: r }])) as Record<
    string,
    { value: Role }
  >,
});

const ApiKey = builder.objectRef<ApiKeyInfo>("ApiKey").implement({
  description: "An API key. Its token is shown only when it is created; only a hash is stored.",
  authScopes: { admin: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    role: t.field({ type: RoleEnum, resolve: (k) => k.role }),
    prefix: t.exposeString("prefix", { description: "The token's first characters" }),
    createdAt: t.field({ type: "DateTime", resolve: (k) => k.createdAt }),
    lastUsedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "To the minute",
      resolve: (k) => k.lastUsedAt,
    }),
    revokedAt: t.field({ type: "DateTime", nullable: true, resolve: (k) => k.revokedAt }),
    active: t.boolean({ resolve: (k) => k.revokedAt === null }),
  }),
});

const CreatedApiKey = builder
  .objectRef<{ key: ApiKeyInfo; token: string }>("CreatedApiKey")
  .implement({
    fields: (t) => ({
      key: t.field({ type: ApiKey, resolve: (c) => c.key }),
      token: t.string({
        description: 'Send it as "Authorization: Bearer <token>". Shown this once: keep it.',
        resolve: (c) => c.token,
      }),
    }),
  });

type Caller = { name: string | null; role: Role | null };
const Caller = builder.objectRef<Caller>("Caller").implement({
  description: "Who the server takes you for.",
  fields: (t) => ({
    name: t.string({
      nullable: true,
      description: "The API key's name; null when anonymous",
      resolve: (c) => c.name,
    }),
    role: t.field({ type: RoleEnum, nullable: true, resolve: (c) => c.role }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: Caller,
    description:
      "The key this request carries (anyone may ask: a way to check the Authorization header).",
    skipTypeScopes: true,
    resolve: (_root, _args, ctx) => ({
      name: ctx.auth.principal.name,
      role: ctx.auth.principal.role,
    }),
  }),
  apiKeys: t.field({
    type: [ApiKey],
    authScopes: { admin: true },
    description: "Every API key, revoked ones included (admin).",
    resolve: (_root, _args, ctx) => listApiKeys(ctx.db),
  }),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    authScopes: { admin: true },
    retryWhileBusy: true,
    description: "Makes an API key (admin); its token is in the answer, and nowhere else.",
    args: {
      name: t.arg.string({ required: true, description: "Lower-case, unique: alice, ci-bot" }),
      role: t.arg({ type: RoleEnum, required: true }),
    },
    resolve: (_root, args, ctx) =>
      createApiKey(ctx.db, { name: args.name, role: args.role }, actorOf(ctx.auth.principal)),
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    authScopes: { admin: true },
    retryWhileBusy: true,
    description: "Revokes a key (admin): its next request is refused.",
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => revokeApiKey(ctx.db, args.name, actorOf(ctx.auth.principal)),
  }),
}));

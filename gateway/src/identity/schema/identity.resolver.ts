import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { hasScope, HearthError, ROLE_SCOPES } from '@hearth/platform';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '@hearth/platform/graphql';
import type { Database } from '@hearth/platform/db';
import type { GatewayContext } from '../../context/gateway-context';
import { auditCursorKey, auditPage, countAudit, auditAfter, type AuditEntryRecord } from '@hearth/platform/audit';
import { apiKeysPage, checkSettings, countApiKeys, createApiKey, revokeApiKey, rotateApiKey, type ApiKeyRow } from '../api-keys';
import type { Authenticated } from '../authenticator';
import { LoginThrottle } from '../login-throttle';
import { endSession, login, refresh, type IssuedSession } from '../sessions';
import { usageOf } from '../usage-meter';
import { registerTrustedDocument, trustedDocumentsOf } from '../trusted-documents';
import { changePassword, createUser, setUserRole, tenantName, userById, usersOf, type UserRow } from '../users';
import {
  ApiKey,
  ApiKeyConnection,
  ApiKeyUsageDay,
  type AuditEntry,
  AuditEntryConnection,
  CreateApiKeyInput,
  CreatedApiKey,
  CreateUserInput,
  PrincipalKind,
  RoleEnum,
  SessionTokens,
  TrustedDocument,
  User,
  Viewer,
} from './identity.types';

export interface IdentityDeps {
  db: Database;
  /** The scope domains of the composed API (subgraph names), for checking key scopes. */
  domains(): ReadonlySet<string>;
  /** Failed-login throttle per address and email (default: DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: LoginThrottle;
}

const ADMIN_SCOPE = 'identity:admin';

function signedIn(ctx: GatewayContext): Authenticated {
  if (!ctx.caller) throw new HearthError('UNAUTHENTICATED', 'Sign in or send an API key first.', { reason: 'missing' });
  return ctx.caller;
}

function admin(ctx: GatewayContext): Authenticated {
  const caller = signedIn(ctx);
  if (!hasScope(caller.scopes, ADMIN_SCOPE))
    throw new HearthError('FORBIDDEN', 'Only admins manage users, API keys and the audit log.', { requiredScope: ADMIN_SCOPE });
  return caller;
}

const actorOf = (caller: Authenticated) => `${caller.kind}:${caller.id}`;

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as RoleEnum,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  expiresAt: row.expires_at,
  allowedOrigins: row.allowed_origins,
  allowedIps: row.allowed_ips,
  ratePerMinute: row.rate_per_minute,
  dailyQuota: row.daily_quota,
  trustedDocumentsOnly: row.trusted_documents_only,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
});

const toAuditEntry = (entry: AuditEntryRecord): AuditEntry => ({
  id: entry.id,
  at: entry.at,
  domain: entry.domain,
  actor: entry.actor,
  action: entry.action,
  target: entry.target,
  details: JSON.stringify(entry.details),
  requestId: entry.requestId,
});

/** The identity subgraph, served by the gateway itself: sessions, users, API keys, audit log. */
@Resolver()
export class IdentityResolver {
  private readonly loginThrottle: LoginThrottle;

  constructor(private readonly deps: IdentityDeps) {
    this.loginThrottle = deps.loginThrottle ?? new LoginThrottle();
  }

  private async viewerOf(kind: PrincipalKind, tenantId: string, scopes: readonly string[], userId?: string): Promise<Viewer> {
    const user = userId ? await userById(this.deps.db, userId) : undefined;
    return { kind, tenantId, tenantName: await tenantName(this.deps.db, tenantId), user: user ? toUser(user) : null, scopes: [...scopes] };
  }

  private async tokens(session: IssuedSession): Promise<SessionTokens> {
    const user = await userById(this.deps.db, session.userId);
    return { ...session, viewer: await this.viewerOf(PrincipalKind.USER, session.tenantId, ROLE_SCOPES[user!.role], session.userId) };
  }

  @Query(() => Viewer, { description: 'Who you are: your company, your user (if signed in) and your scopes.' })
  viewer(@Ctx() ctx: GatewayContext): Promise<Viewer> {
    const caller = signedIn(ctx);
    return this.viewerOf(caller.kind === 'user' ? PrincipalKind.USER : PrincipalKind.API_KEY, caller.tenantId, caller.scopes, caller.userId);
  }

  @Mutation(() => SessionTokens, {
    description: 'Signs in. Needs no credentials. Repeated failures lock the email for a while; too many from one address are refused (RATE_LIMITED).',
  })
  async login(
    @Ctx() ctx: GatewayContext,
    @Arg('email', () => String, { description: 'Your login email, matched ignoring case and surrounding spaces.' }) email: string,
    @Arg('password', () => String, {
      description: 'Your password; when the email has accounts in several companies, it signs in to the oldest account it opens.',
    })
    password: string,
  ): Promise<SessionTokens> {
    return this.tokens(await login(this.deps.db, this.loginThrottle, { email, password, address: ctx.from.ip }));
  }

  @Mutation(() => SessionTokens, { description: 'Trades a refresh token for new tokens. Needs no other credentials; each refresh token works once.' })
  async refreshSession(
    @Arg('refreshToken', () => String, {
      description: 'The session’s latest `refreshToken` (`hsr_…`, valid 7 days from issue); sending the one it replaced ends the session.',
    })
    refreshToken: string,
  ): Promise<SessionTokens> {
    return this.tokens(await refresh(this.deps.db, refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends your session: its tokens stop working at once and its subscriptions close.' })
  async logout(@Ctx() ctx: GatewayContext): Promise<boolean> {
    const caller = signedIn(ctx);
    if (!caller.credential.startsWith('session:'))
      throw new HearthError('BAD_USER_INPUT', 'API keys have no session; an admin revokes keys with revokeApiKey.');
    return endSession(this.deps.db, caller.credential.slice('session:'.length), 'logout');
  }

  @Mutation(() => Boolean, { description: 'Changes your password; your other sessions end.' })
  async changePassword(
    @Ctx() ctx: GatewayContext,
    @Arg('currentPassword', () => String, { description: 'Your password now; a wrong one gives INVALID_CREDENTIALS.' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'The new password, at least 12 characters.' }) newPassword: string,
  ): Promise<boolean> {
    const caller = signedIn(ctx);
    if (!caller.userId || !caller.credential.startsWith('session:')) throw new HearthError('BAD_USER_INPUT', 'Only a signed-in person has a password.');
    await changePassword(this.deps.db, caller.userId, caller.credential.slice('session:'.length), currentPassword, newPassword);
    return true;
  }

  @Query(() => [User], { description: 'People of your company (admins only).' })
  async users(@Ctx() ctx: GatewayContext): Promise<User[]> {
    return (await usersOf(this.deps.db, admin(ctx).tenantId)).map(toUser);
  }

  @Mutation(() => User, { description: 'Adds a person to your company (admins only).' })
  async createUser(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CreateUserInput, { description: 'The new user; the email must not be in use in your company (CONFLICT otherwise).' })
    input: CreateUserInput,
  ): Promise<User> {
    const caller = admin(ctx);
    return toUser(await createUser(this.deps.db, caller.tenantId, input, actorOf(caller)));
  }

  @Mutation(() => User, { description: 'Changes what a person may do (admins only); their sessions pick it up at once.' })
  async setUserRole(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => ID, { description: 'Id of a user of your company (NOT_FOUND otherwise).' }) id: string,
    @Arg('role', () => RoleEnum, { description: 'The role that replaces their current one.' }) role: RoleEnum,
  ): Promise<User> {
    const caller = admin(ctx);
    return toUser(await setUserRole(this.deps.db, caller.tenantId, id, role, actorOf(caller)));
  }

  @Query(() => ApiKeyConnection, { description: 'Your company’s API keys, newest first (admins only).' })
  async apiKeys(
    @Ctx() ctx: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    const caller = admin(ctx);
    checkPageSize(first);
    const cursor = after ? decodeCursor(after, 2) : undefined;
    const rows = await apiKeysPage(this.deps.db, caller.tenantId, first + 1, cursor ? { createdAt: new Date(cursor[0]!), id: String(cursor[1]) } : undefined);
    const total = await countApiKeys(this.deps.db, caller.tenantId);
    return toConnection(rows, first, total, Boolean(after), (r) => [r.created_at.toISOString(), r.id], toApiKey);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key; the secret is in the answer and nowhere else (admins only).' })
  async createApiKey(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CreateApiKeyInput, {
      description: 'The key’s settings; its scopes must be domain:read or domain:write on this API’s domains, never identity (BAD_USER_INPUT otherwise).',
    })
    input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    const caller = admin(ctx);
    checkSettings(input, this.deps.domains());
    const created = await createApiKey(this.deps.db, caller.tenantId, input, actorOf(caller));
    return { apiKey: toApiKey(created.key), secret: created.secret };
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Replaces a key with a new one of the same settings. The old key works for graceSeconds more (0: revoked at once). Admins only.',
  })
  async rotateApiKey(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => ID, { description: 'Id of an unrevoked key of your company; a revoked key gives CONFLICT, any other id NOT_FOUND.' }) id: string,
    @Arg('graceSeconds', () => Int, {
      defaultValue: 0,
      description: 'How long the old key keeps working, in seconds, 0–2592000 (30 days) and never past its own expiry; 0 revokes it at once.',
    })
    graceSeconds: number,
  ): Promise<CreatedApiKey> {
    const caller = admin(ctx);
    const created = await rotateApiKey(this.deps.db, caller.tenantId, id, graceSeconds, actorOf(caller));
    return { apiKey: toApiKey(created.key), secret: created.secret };
  }

  @Mutation(() => ApiKey, { description: 'Revokes a key at once: it is refused from now on and its open subscriptions close (admins only).' })
  async revokeApiKey(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => ID, { description: 'Id of a key of your company (NOT_FOUND otherwise); a key already revoked is returned unchanged.' }) id: string,
  ): Promise<ApiKey> {
    const caller = admin(ctx);
    return toApiKey(await revokeApiKey(this.deps.db, caller.tenantId, id, actorOf(caller)));
  }

  @Query(() => [TrustedDocument], { description: 'Operations registered for trusted-documents keys, newest first (admins only).' })
  trustedDocuments(@Ctx() ctx: GatewayContext): Promise<TrustedDocument[]> {
    return trustedDocumentsOf(this.deps.db, admin(ctx).tenantId);
  }

  @Mutation(() => TrustedDocument, {
    description: 'Registers an operation that trusted-documents keys may run (admins only). Registering it again only renames it.',
  })
  registerTrustedDocument(
    @Ctx() ctx: GatewayContext,
    @Arg('body', () => String, {
      description: 'The exact operation text, which must parse as GraphQL; its SHA-256 identifies it, so any change, even in whitespace, makes a new document.',
    })
    body: string,
    @Arg('name', () => String, { nullable: true, description: 'A name to recognise it by; omitted or null keeps the name it already has, if any.' })
    name?: string | null,
  ): Promise<TrustedDocument> {
    const caller = admin(ctx);
    return registerTrustedDocument(this.deps.db, caller.tenantId, body, name ?? null, actorOf(caller));
  }

  @Query(() => AuditEntryConnection, {
    description: 'What was done in your company, in every domain (identity, fleet, tanks, …), newest first (admins only).',
  })
  async auditLog(
    @Ctx() ctx: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
    @Arg('domains', () => [String], {
      nullable: true,
      description: 'Only entries of these domains, e.g. ["tanks", "fleet"]; omitted or null: every domain; an empty list matches nothing.',
    })
    domains?: string[] | null,
    @Arg('actions', () => [String], {
      nullable: true,
      description: 'Only these actions, e.g. ["login.failed", "tank.updated"]; omitted or null: every action; an empty list matches nothing.',
    })
    actions?: string[] | null,
    @Arg('since', () => Date, { nullable: true, description: 'Only entries recorded at or after this time; omitted or null: from the first.' })
    since?: Date | null,
  ): Promise<Connection<AuditEntry>> {
    const caller = admin(ctx);
    checkPageSize(first);
    const filter = { tenantId: caller.tenantId, domains, actions, since };
    return toConnection(
      await auditPage(this.deps.db, filter, first + 1, after ? auditAfter(decodeCursor(after, 2)) : undefined),
      first,
      await countAudit(this.deps.db, filter),
      Boolean(after),
      auditCursorKey,
      toAuditEntry,
    );
  }
}

@Resolver(() => ApiKey)
export class ApiKeyUsageResolver {
  constructor(private readonly deps: IdentityDeps) {}

  @FieldResolver(() => [ApiKeyUsageDay], { description: 'Use per UTC day over the last `days` days (1–90), oldest first.' })
  usage(
    @Root() key: ApiKey,
    @Arg('days', () => Int, { defaultValue: 7, description: 'How many UTC days to cover, today included, 1–90; days with nothing counted are left out.' })
    days: number,
  ): Promise<ApiKeyUsageDay[]> {
    if (!Number.isInteger(days) || days < 1 || days > 90) throw new HearthError('LIMIT_EXCEEDED', 'days must be between 1 and 90.', { max: 90 });
    return usageOf(this.deps.db, key.id, days);
  }
}

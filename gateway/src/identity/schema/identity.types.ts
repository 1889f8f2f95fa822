import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@hearth/platform/graphql';

export enum RoleEnum {
  ADMIN = 'ADMIN',
  SUPERVISOR = 'SUPERVISOR',
  OPERATOR = 'OPERATOR',
  VIEWER = 'VIEWER',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a person may do: VIEWER reads; OPERATOR also acts on live equipment; SUPERVISOR changes data; ADMIN also manages users and API keys.',
  valuesConfig: {
    ADMIN: {
      description: 'Everything a SUPERVISOR may do, plus managing users, roles, API keys and trusted documents and reading the audit log (`identity:admin`).',
    },
    SUPERVISOR: {
      description:
        'Reads and changes every domain’s data (`*:read`, `*:write`), e.g. tanks, sites, strapping tables and fleet, but manages no users, API keys, trusted documents or audit log.',
    },
    OPERATOR: {
      description:
        'Reads every domain and changes live equipment through the twins domain only (`*:read`, `twins:write`), e.g. a tank’s desired state; cannot change tanks, sites or fleet.',
    },
    VIEWER: { description: 'Reads every domain, subscriptions included (`*:read`), and changes nothing but their own password and session.' },
  },
});

export enum PrincipalKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'A signed-in person or a third party’s API key.',
  valuesConfig: {
    USER: { description: 'A person signed in with email and password, calling with their session’s access token (`hsa_…`); their role sets the scopes.' },
    API_KEY: { description: 'A third party calling with an API key (`hk_…`); the key’s own scopes apply, never `identity:admin`.' },
  },
});

@ObjectType({ description: 'A person who signs in to Hearth.' })
export class User {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'Login email, unique.' }) email!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => RoleEnum, { description: 'What the user may do.' }) role!: RoleEnum;
  @Field(() => Date, { description: 'When the account was created.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Set when the account was disabled.' }) disabledAt!: Date | null;
}

@ObjectType({ description: 'Who is calling.' })
export class Viewer {
  @Field(() => PrincipalKind, { description: 'A person or an API key.' }) kind!: PrincipalKind;
  @Field(() => ID, { description: 'Your company (tenant).' }) tenantId!: string;
  @Field(() => String, { description: 'Your company’s name.' }) tenantName!: string;
  @Field(() => User, { nullable: true, description: 'The signed-in person; null for an API key.' }) user!: User | null;
  @Field(() => [String], { description: 'What you may do, as domain:access scopes (`tanks:read`, `*:write`, `identity:admin`).' }) scopes!: string[];
}

@ObjectType({ description: 'Tokens of a new or refreshed session. Send the access token as `Authorization: Bearer …`.' })
export class SessionTokens {
  @Field(() => String, { description: 'Short-lived (15 min) bearer token.' }) accessToken!: string;
  @Field(() => Date, { description: 'When the access token expires.' }) accessExpiresAt!: Date;
  @Field(() => String, { description: 'Trade it for new tokens with refreshSession; each works once.' }) refreshToken!: string;
  @Field(() => Date, { description: 'When the session ends unless refreshed.' }) refreshExpiresAt!: Date;
  @Field(() => Viewer, { description: 'Who you are now.' }) viewer!: Viewer;
}

@ObjectType({ description: 'Use of an API key on one UTC day.' })
export class ApiKeyUsageDay {
  @Field(() => String, { description: 'The day, YYYY-MM-DD (UTC).' }) day!: string;
  @Field(() => Int, { description: 'Operations run (queries, mutations, subscriptions started).' }) operations!: number;
  @Field(() => Int, { description: 'Subscription events delivered.' }) events!: number;
  @Field(() => Int, { description: 'Operations refused (rate limit, quota, scope).' }) rejected!: number;
}

@ObjectType({ description: 'A third party’s credential. The secret is shown once, when created or rotated, and stored only as a digest.' })
export class ApiKey {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'What it is for, e.g. the partner’s name.' }) name!: string;
  @Field(() => String, { description: 'The public part of the key (`hk_<prefix>_…`), to recognise it in lists and logs.' }) prefix!: string;
  @Field(() => [String], { description: 'What it may do, e.g. `tanks:read`.' }) scopes!: string[];
  @Field(() => Date, { nullable: true, description: 'When it stops working; null: never.' }) expiresAt!: Date | null;
  @Field(() => [String], { description: 'Browser origins it may be used from; empty: any.' }) allowedOrigins!: string[];
  @Field(() => [String], { description: 'Addresses or CIDR ranges it may be used from; empty: any.' }) allowedIps!: string[];
  @Field(() => Int, { description: 'Operations per minute (token bucket; the same number may come at once).' }) ratePerMinute!: number;
  @Field(() => Int, { nullable: true, description: 'Operations plus subscription events per UTC day; null: no quota.' }) dailyQuota!: number | null;
  @Field(() => Boolean, { description: 'Whether it may run registered operations only.' }) trustedDocumentsOnly!: boolean;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while active.' }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Last use, to within a few seconds.' }) lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A new API key and its secret, shown this once.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key.' }) apiKey!: ApiKey;
  @Field(() => String, { description: 'The whole key to hand to the third party. It cannot be shown again.' }) secret!: string;
}

@InputType({ description: 'Settings of a new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What it is for.' }) name!: string;
  @Field(() => [String], { description: 'domain:read or domain:write, e.g. ["tanks:read", "twins:read"]; `*:read` reads every domain.' }) scopes!: string[];
  @Field(() => Date, { nullable: true, description: 'When it stops working.' }) expiresAt?: Date | null;
  @Field(() => [String], { nullable: true, description: 'Browser origins allowed, e.g. https://shop.example.com.' }) allowedOrigins?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'IP addresses or CIDR ranges allowed.' }) allowedIps?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Operations per minute (default 600).' }) ratePerMinute?: number | null;
  @Field(() => Int, { nullable: true, description: 'Operations plus events per UTC day.' }) dailyQuota?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Run registered operations only.' }) trustedDocumentsOnly?: boolean | null;
}

@InputType({ description: 'A new user of your company.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Login email.' }) email!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => RoleEnum, { description: 'What they may do.' }) role!: RoleEnum;
  @Field(() => String, { description: 'Initial password, at least 12 characters.' }) password!: string;
}

@ObjectType({ description: 'One recorded action of any domain: who did what to what, when, and in which request.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Stable id; within one transaction, later entries have higher ids.' }) id!: string;
  @Field(() => Date, { description: 'When it was done (the start of its transaction).' }) at!: Date;
  @Field(() => String, { description: 'The domain that recorded it, named as in scopes: `identity`, `fleet`, `tanks`, …' }) domain!: string;
  @Field(() => String, { description: '`user:<id>`, `apiKey:<id>`, `service:<id>` or `system`.' }) actor!: string;
  @Field(() => String, { description: 'What happened, e.g. `api-key.revoked`, `login.failed`, `gateway.registered`, `tank.updated`.' }) action!: string;
  @Field(() => String, { nullable: true, description: 'What it happened to, e.g. `apiKey:<id>`, `tank:<id>`; null when the details say (an import).' })
  target!: string | null;
  @Field(() => String, { description: 'Details as a JSON object, e.g. a changed tank’s fields `before` and `after`.' }) details!: string;
  @Field(() => String, { nullable: true, description: 'The request that did it (its `x-request-id`), to find its log lines; null when no request did.' })
  requestId!: string | null;
}

@ObjectType({ description: 'An operation registered for keys that may run registered operations only.' })
export class TrustedDocument {
  @Field(() => String, { description: 'SHA-256 of the exact text, hex: send it as `documentId` or `extensions.persistedQuery.sha256Hash`.' }) sha256!: string;
  @Field(() => String, { description: 'The operation text.' }) body!: string;
  @Field(() => String, { nullable: true, description: 'A name to recognise it by.' }) name!: string | null;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');
export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

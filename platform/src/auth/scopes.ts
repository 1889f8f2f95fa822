/**
 * Scopes are `domain:access`: the domain is a subgraph's name (`tanks`, `twins`, …) or
 * `identity`; access is `read` or `write` (`admin` for identity; `pii` for reading personal data
 * unmasked, which `customers:pii` grants). A granted `*` on either
 * side matches anything there, so `*:read` reads every domain, including ones added later.
 */
export type Access = 'read' | 'write' | 'admin' | 'pii';
export type Scope = `${string}:${Access | '*'}`;

const SCOPE = /^([a-z][a-z0-9-]*|\*):(read|write|admin|pii|\*)$/;

export function isScope(value: string): value is Scope {
  return SCOPE.test(value);
}

/** Whether `granted` allows `required` (which never contains wildcards). Write does not imply read. */
export function hasScope(granted: readonly string[], required: string): boolean {
  const [domain, access] = required.split(':', 2);
  return granted.some((scope) => {
    const [d, a] = scope.split(':', 2);
    return (d === '*' || d === domain) && (a === '*' || a === access);
  });
}

export const ROLES = ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. Viewers read; operators also act on live equipment (twins:
 * acknowledging alarms, desired state) and on the cylinders they handle (filling orders, transfers,
 * hand-overs at a store's counter); supervisors change every domain's data and see customers'
 * personal data whole (they serve customers); admins also manage people, keys and the audit log.
 * Everyone else sees it masked: least privilege for personal information (PIPL art. 51).
 */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  VIEWER: ['*:read'],
  OPERATOR: ['*:read', 'twins:write', 'cylinders:write'],
  SUPERVISOR: ['*:read', '*:write', 'customers:pii'],
  ADMIN: ['*:read', '*:write', 'customers:pii', 'identity:admin'],
};

/** The scope an operation of this type needs on a domain. */
export const scopeFor = (domain: string, operation: 'query' | 'mutation' | 'subscription'): Scope => `${domain}:${operation === 'mutation' ? 'write' : 'read'}`;

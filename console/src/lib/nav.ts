import { IDENTITY_ADMIN, TANKS_READ, TWINS_READ, hasScopes } from './api/scopes';
import type { Viewer } from './api/types';

/**
 * Top navigation. Add a domain (Cylinders, Fueling, Metering, Customers) here only once its
 * route exists, so the console never shows a link that leads nowhere. `scopes` are what the
 * page needs; a link the viewer may not follow is not shown (the page refuses it as well).
 */
export interface NavItem {
  href: string;
  label: string;
  scopes: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/tanks', label: 'Tanks', scopes: [TANKS_READ, TWINS_READ] },
  { href: '/alarms', label: 'Alarms', scopes: [TWINS_READ] },
];

export const ADMIN_NAV_ITEMS: readonly NavItem[] = [
  { href: '/admin/api-keys', label: 'API keys', scopes: [IDENTITY_ADMIN] },
  { href: '/admin/audit', label: 'Audit log', scopes: [IDENTITY_ADMIN] },
];

export function allowedItems(items: readonly NavItem[], viewer: Viewer | null): NavItem[] {
  return items.filter((item) => hasScopes(viewer, item.scopes));
}

import { m } from '$paraglide/messages';
import { CUSTOMERS_READ, CYLINDERS_READ, FLEET_READ, FUELING_READ, IDENTITY_ADMIN, METERING_READ, TANKS_READ, TWINS_READ, hasScopes } from './api/scopes';
import type { Viewer } from './api/types';

/**
 * Top navigation. Add a domain here only once its route exists, so the console never shows a
 * link that leads nowhere. `scopes` are what the page needs; a link the viewer may not follow is
 * not shown (the page refuses it as well). The pages are grouped by domain (`group`): the bar
 * shows the current page's group as links and each other group as a menu.
 */
export type NavGroupId = 'tanks' | 'customers' | 'cylinders' | 'fueling' | 'metering' | 'admin';

export interface NavItem {
  href: string;
  /** The link text in the active language (a message function, read when rendered). */
  label: () => string;
  scopes: readonly string[];
  group: NavGroupId;
}

export interface NavGroup {
  id: NavGroupId;
  label: () => string;
  items: NavItem[];
}

const GROUP_LABELS: Record<NavGroupId, () => string> = {
  tanks: m.nav_group_tanks,
  customers: m.nav_group_customers,
  cylinders: m.nav_group_cylinders,
  fueling: m.nav_group_fueling,
  metering: m.nav_group_metering,
  admin: m.nav_group_admin,
};

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/tanks', label: m.nav_tanks, scopes: [TANKS_READ, TWINS_READ], group: 'tanks' },
  { href: '/alarms', label: m.nav_alarms, scopes: [TWINS_READ], group: 'tanks' },
  // Gas detectors and their shut-off valves are live equipment: the twins'.
  { href: '/safety', label: m.nav_safety, scopes: [TWINS_READ], group: 'tanks' },
  // Gateways and devices are the fleet's; their connectivity, refusals and commands the twins'.
  { href: '/devices', label: m.nav_devices, scopes: [FLEET_READ, TWINS_READ], group: 'tanks' },
  // A customer's supply station is a site: its name is the tanks domain's.
  { href: '/customers', label: m.nav_customers, scopes: [CUSTOMERS_READ, TANKS_READ], group: 'customers' },
  // The service centre's orders are the customers domain's; the stores they are routed to are sites.
  { href: '/service-centre', label: m.nav_service_centre, scopes: [CUSTOMERS_READ, TANKS_READ], group: 'customers' },
  // Stock and flows are counted by site (named by the tanks domain).
  { href: '/cylinders', label: m.nav_cylinders, scopes: [CYLINDERS_READ, TANKS_READ], group: 'cylinders' },
  // Stations and fills are the cylinders domain's; the scales' live state the twins'.
  { href: '/filling-line', label: m.nav_filling_line, scopes: [CYLINDERS_READ, TWINS_READ, TANKS_READ], group: 'cylinders' },
  // Stations, pumps and prices are the fueling domain's; the pumps' live state the twins'; station names the tanks'.
  { href: '/forecourt', label: m.nav_forecourt, scopes: [FUELING_READ, TWINS_READ, TANKS_READ], group: 'fueling' },
  // Fuel cards are the fueling domain's; their holders are customers.
  { href: '/cards', label: m.nav_cards, scopes: [FUELING_READ, CUSTOMERS_READ], group: 'fueling' },
  // Sales, reports and anomalies; the pumps' alarms are the twins'.
  { href: '/sales', label: m.nav_sales, scopes: [FUELING_READ, TANKS_READ, TWINS_READ], group: 'fueling' },
  // Meters, their balances and the supply policy are the metering domain's; relays and registers the twins'; sites the tanks'; payers customers.
  { href: '/meters', label: m.nav_meters, scopes: [METERING_READ, TWINS_READ, TANKS_READ, CUSTOMERS_READ], group: 'metering' },
  { href: '/tariffs', label: m.nav_tariffs, scopes: [METERING_READ], group: 'metering' },
];

export const ADMIN_NAV_ITEMS: readonly NavItem[] = [
  { href: '/admin/api-keys', label: m.nav_api_keys, scopes: [IDENTITY_ADMIN], group: 'admin' },
  { href: '/admin/audit', label: m.nav_audit, scopes: [IDENTITY_ADMIN], group: 'admin' },
];

export function allowedItems(items: readonly NavItem[], viewer: Viewer | null): NavItem[] {
  return items.filter((item) => hasScopes(viewer, item.scopes));
}

/** The viewer's groups in order, each with the pages it may open; a group with none is left out. */
export function navGroups(items: readonly NavItem[], viewer: Viewer | null): NavGroup[] {
  const groups: NavGroup[] = [];
  for (const item of allowedItems(items, viewer)) {
    const group = groups.find((g) => g.id === item.group);
    if (group) group.items.push(item);
    else groups.push({ id: item.group, label: GROUP_LABELS[item.group], items: [item] });
  }
  return groups;
}

/** Whether a link is the current page's (its path or one under it). */
export const isCurrent = (item: NavItem, pathname: string): boolean => pathname === item.href || pathname.startsWith(`${item.href}/`);

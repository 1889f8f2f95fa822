/**
 * Top navigation. Add a domain (Cylinders, Fueling, Metering, Customers) here only once its
 * route exists, so the console never shows a link that leads nowhere.
 */
export interface NavItem {
  href: string;
  label: string;
}

export const NAV_ITEMS: readonly NavItem[] = [{ href: '/tanks', label: 'Tanks' }];

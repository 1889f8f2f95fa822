import { randomUUID } from 'node:crypto';
import type { CallerContext, Logger } from '@hearth/platform';
import { ServiceOrderType, TopUpMethod, type CustomerServices } from '@hearth/customers';
import type { DemoCustomer } from './demo-customers';

/** How often the demo's customers do something: a top-up or a phoned-in delivery order, in turn. */
const EVERY_MS = 20_000;
const SLOTS = ['09:00-12:00', '12:00-15:00', '15:00-18:00'];
const METHODS = [TopUpMethod.WECHAT_PAY, TopUpMethod.ALIPAY, TopUpMethod.PARTNER, TopUpMethod.BANK_CARD];

/**
 * The demo's customers at work while the stack runs: every 20 s, in turn, one tops up their wallet
 * or phones in a delivery for tomorrow, through the same services the API uses (ledger, audit,
 * service queue and its subscription), so the console's Customers and Service centre pages move.
 */
export class CustomerActivity {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private step = 0;

  constructor(
    private readonly services: CustomerServices,
    private readonly tenantId: string,
    private readonly customers: DemoCustomer[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  /** One step now (the timer's; tests call it). A failure is logged: the demo goes on. */
  tick(): Promise<void> {
    this.running ??= this.act()
      .catch((err: unknown) => this.logger.warn({ err }, 'demo customer activity failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async act(): Promise<void> {
    const n = this.step++;
    const served = this.customers.filter((c) => !c.blacklisted);
    const customer = served[(n * 37) % served.length]!;
    const as: CallerContext = { tenantId: this.tenantId, requestId: `demo-activity-${n}`, principal: { kind: 'service', id: 'demo-activity' }, scopes: [] };
    if (n % 2 === 0) {
      const amountMinor = (5 + (n % 4) * 5) * 1000;
      await this.services.accounts.topUp(as, {
        accountId: customer.accountId,
        amountMinor,
        idempotencyKey: randomUUID(),
        method: METHODS[n % METHODS.length]!,
      });
    } else {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await this.services.serviceCentre.orders.create(as, {
        type: ServiceOrderType.DELIVERY,
        customerId: customer.id,
        requestedDate: tomorrow,
        timeSlot: SLOTS[n % SLOTS.length]!,
        cylinderSpec: 'YSP15',
        quantity: 1 + (n % 2),
        notes: 'Phoned in (demo)',
      });
    }
  }
}

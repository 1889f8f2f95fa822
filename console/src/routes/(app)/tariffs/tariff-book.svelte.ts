import type { Client } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { errorMessage } from '$lib/api/errors';
import { ADD_TARIFF_VERSION, CREATE_TARIFF, TARIFF_QUERY, TARIFFS_PAGE } from '$lib/api/metering-queries';
import type { MeterKind, Tariff, TariffsPage, TariffSummary, TariffVersionInput } from '$lib/api/metering-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';

/** Page state for /tariffs: the company's tariffs (in the order they were created), creating one. */
export class TariffBook {
  list: PagedList<TariffSummary, TariffsPage>;
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(client, TARIFFS_PAGE, (d: TariffsPage) => d.tariffs, 50);
  }

  search(kind: MeterKind | null): Promise<void> {
    return this.list.reload({ kind });
  }

  /** A tariff changed in the panel (a version added) shown in its row too. */
  update(tariff: TariffSummary): void {
    this.list.items = this.list.items.map((row) => (row.id === tariff.id ? { ...row, current: tariff.current } : row));
  }

  /** Resolves to the new tariff, or why it was refused. */
  async create(input: {
    kind: MeterKind;
    name: string;
    markupCapPercent: number | null;
    effectiveFrom: string | null;
    version: TariffVersionInput;
  }): Promise<Tariff | ActionProblem> {
    const result = await this.#client.mutation<{ createTariff: Tariff }>(CREATE_TARIFF, { input }).toPromise();
    const tariff = result.data?.createTariff;
    if (result.error || !tariff) return actionProblem(result.error ?? new Error(m.error_no_data()));
    void this.list.reload();
    return tariff;
  }
}

/** The panel's state for one tariff: its versions (current and scheduled), and adding one. */
export class TariffRecord {
  tariff: Tariff | null = $state(null);
  status: 'loading' | 'ready' | 'missing' | 'error' = $state('loading');
  error: string | null = $state(null);
  readonly id: string;
  #client: Client;
  #onchange: (tariff: Tariff) => void;

  constructor(client: Client, id: string, onchange: (tariff: Tariff) => void) {
    this.#client = client;
    this.id = id;
    this.#onchange = onchange;
  }

  async load(): Promise<void> {
    const result = await this.#client.query<{ tariff: Tariff | null }>(TARIFF_QUERY, { id: this.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.status === 'loading') this.status = 'error';
      return;
    }
    this.error = null;
    this.tariff = result.data.tariff;
    this.status = this.tariff ? 'ready' : 'missing';
  }

  /** Adds a version from `effectiveFrom` (null: now); resolves to why it was refused, if it was (a time in the past, a price above the cap). */
  async addVersion(version: TariffVersionInput, effectiveFrom: string | null): Promise<ActionProblem | null> {
    const result = await this.#client.mutation<{ addTariffVersion: Tariff }>(ADD_TARIFF_VERSION, { tariffId: this.id, version, effectiveFrom }).toPromise();
    const tariff = result.data?.addTariffVersion;
    if (result.error || !tariff) return actionProblem(result.error ?? new Error(m.error_no_data()));
    this.tariff = tariff;
    this.#onchange(tariff);
    return null;
  }
}

import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { API_KEYS_PAGE, CREATE_API_KEY, REVOKE_API_KEY, ROTATE_API_KEY } from '$lib/api/identity-queries';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';
import type { ApiKey, ApiKeysPage, CreateApiKeyInput, CreatedApiKey } from '$lib/api/types';

/** A secret the gateway will never show again; kept only in this page's memory. */
export interface RevealedSecret {
  keyName: string;
  secret: string;
  action: 'created' | 'rotated';
}

/**
 * Page state for /admin/api-keys: the list, and the create, rotate and revoke actions. After
 * each action the list is read again, so it shows exactly what the gateway stored; a new
 * secret is shown at once, without waiting for that.
 */
export class ApiKeys {
  list: PagedList<ApiKey, ApiKeysPage>;
  revealed: RevealedSecret | null = $state(null);
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(client, API_KEYS_PAGE, (data: ApiKeysPage) => data.apiKeys);
  }

  /** Resolves to an error message, or null once created (the secret is then in `revealed`). */
  async create(input: CreateApiKeyInput): Promise<string | null> {
    const result = await this.#client.mutation<{ createApiKey: CreatedApiKey }>(CREATE_API_KEY, { input }).toPromise();
    const created = result.data?.createApiKey;
    if (result.error || !created) return result.error ? errorMessage(result.error) : m.error_no_data();
    this.revealed = { keyName: created.apiKey.name, secret: created.secret, action: 'created' };
    void this.list.reload();
    return null;
  }

  async rotate(key: ApiKey, graceSeconds: number): Promise<string | null> {
    const result = await this.#client.mutation<{ rotateApiKey: CreatedApiKey }>(ROTATE_API_KEY, { id: key.id, graceSeconds }).toPromise();
    const rotated = result.data?.rotateApiKey;
    if (result.error || !rotated) return result.error ? errorMessage(result.error) : m.error_no_data();
    this.revealed = { keyName: rotated.apiKey.name, secret: rotated.secret, action: 'rotated' };
    void this.list.reload();
    return null;
  }

  async revoke(key: ApiKey): Promise<string | null> {
    const result = await this.#client.mutation<{ revokeApiKey: ApiKey }>(REVOKE_API_KEY, { id: key.id }).toPromise();
    if (result.error) return errorMessage(result.error);
    // Awaited: the confirmation stays until the row shows the key revoked.
    await this.list.reload();
    return null;
  }
}

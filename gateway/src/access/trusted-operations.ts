import { HearthError } from '@hearth/platform';
import type { Authenticated } from '../identity/authenticator';
import type { DocumentRequest, TrustedDocuments } from '../identity/trusted-documents';

/** Whether the caller may run registered operations only. */
export const trustedOnly = (caller: Authenticated | undefined): caller is Authenticated => Boolean(caller?.key?.trusted_documents_only);

/**
 * For a trusted-documents key, swaps each operation of an HTTP body for the registered text
 * it names (by `documentId`, APQ hash, or its own text); anything unregistered is refused.
 */
export async function registeredBody(documents: TrustedDocuments, caller: Authenticated, body: unknown, method: string): Promise<unknown> {
  if (method !== 'POST')
    throw new HearthError('TRUSTED_DOCUMENT_REQUIRED', 'This key runs registered operations only, sent with POST.', { http: { status: 405 } });
  const resolveOne = async (item: unknown) => {
    if (!item || typeof item !== 'object') return item;
    const request = item as DocumentRequest;
    const query = await documents.resolve(caller.tenantId, request);
    // Apollo's own persisted-query cache must not see the hash: the text is now given.
    const { persistedQuery: _named, ...extensions } = request.extensions ?? {};
    return { ...request, query, extensions };
  };
  return Array.isArray(body) ? Promise.all(body.map(resolveOne)) : resolveOne(body);
}

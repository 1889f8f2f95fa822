import { maskIdNumber, maskPhone, normalizeIdNumber, normalizePhone, type PiiProtector } from '@hearth/platform/pii';
import type { Customer } from './customer.entity';

/** Blind-index purposes: an index of one field never matches another's. */
const PHONE = 'customer-phone';
const ID_NUMBER = 'customer-id-number';

/** The stored columns of an ID number: encrypted, masked, and its blind index for equality lookups. */
export function idNumberColumns(pii: PiiProtector, raw: string | null): Pick<Customer, 'idNumberEnc' | 'idNumberMasked' | 'idNumberIndex'> {
  if (!raw) return { idNumberEnc: null, idNumberMasked: null, idNumberIndex: null };
  const id = normalizeIdNumber(raw);
  return { idNumberEnc: pii.encrypt(id), idNumberMasked: maskIdNumber(id), idNumberIndex: pii.blindIndex(id, ID_NUMBER) };
}

/** The stored columns of a customer's phones: encrypted, masked, and the blind tokens a fragment search reads. */
export function phoneColumns(pii: PiiProtector, raw: readonly string[]): Pick<Customer, 'phonesEnc' | 'phonesMasked' | 'phoneTokens'> {
  const phones = raw.map(normalizePhone);
  return {
    phonesEnc: phones.map((p) => pii.encrypt(p)),
    // Masked as written: a landline keeps its area code apart (0571-****6666).
    phonesMasked: raw.map(maskPhone),
    phoneTokens: [...new Set(phones.flatMap((p) => pii.fragmentTokens(p, PHONE)))],
  };
}

/** The tokens a phone-fragment search requires, or null for a fragment too short to search by. */
export const phoneSearchTokens = (pii: PiiProtector, fragment: string): string[] | null => pii.searchTokens(fragment, PHONE);

export const idNumberIndexOf = (pii: PiiProtector, raw: string): string => pii.blindIndex(normalizeIdNumber(raw), ID_NUMBER);

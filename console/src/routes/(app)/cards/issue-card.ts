import type { IssueFuelCardInput } from '$lib/api/fuel-card-types';
import type { AmountProblem } from '$lib/money';

/** What the issue form holds; a sub-card is issued from its master card's panel, which fills in `masterCardId`. */
export interface IssueForm {
  kind: IssueFuelCardInput['kind'];
  cardNumber: string;
  holderId: string | null;
  funding: 'STORED_VALUE' | 'CREDIT';
  masterCardId: string | null;
  plate: string;
  /** A sub-card's daily spending limit as typed in yuan and parsed into fen (`parseAmount`); null: none of its own. */
  dayLimit: { minor: number } | { problem: AmountProblem } | null;
}

export type IssueProblems = {
  cardNumber?: 'invalid';
  holder?: 'missing';
  dayLimit?: AmountProblem;
};

/** A printed card number: 8–19 digits (ISO/IEC 7812), spaces between groups dropped. */
export const normaliseCardNumber = (text: string): string => text.replace(/\s/g, '');
export const validCardNumber = (text: string): boolean => /^[0-9]{8,19}$/.test(normaliseCardNumber(text));

/** The input the service takes, or what to fix first: the service checks the rest (a number in use, a blacklisted holder). */
export function toIssueInput(form: IssueForm): { input: IssueFuelCardInput } | { problems: IssueProblems } {
  const problems: IssueProblems = {};
  if (!validCardNumber(form.cardNumber)) problems.cardNumber = 'invalid';
  const named = form.kind === 'NAMED' || form.kind === 'MASTER';
  if (named && !form.holderId) problems.holder = 'missing';
  const limit = form.kind === 'SUB' && form.dayLimit && 'minor' in form.dayLimit ? form.dayLimit.minor : null;
  if (form.kind === 'SUB' && form.dayLimit && 'problem' in form.dayLimit) problems.dayLimit = form.dayLimit.problem;
  if (Object.keys(problems).length) return { problems };

  const input: IssueFuelCardInput = { cardNumber: normaliseCardNumber(form.cardNumber), kind: form.kind };
  if (named) input.customerId = form.holderId!;
  if (form.kind === 'MASTER') input.funding = form.funding;
  if (form.kind === 'SUB') {
    input.masterCardId = form.masterCardId!;
    if (form.plate.trim()) input.plate = form.plate.trim();
    if (limit !== null) input.limits = [{ period: 'DAY', maxAmountMinor: limit }];
  }
  return { input };
}

import { describe, expect, it } from 'vitest';
import { toIssueInput, type IssueForm } from './issue-card';

const form = (over: Partial<IssueForm>): IssueForm => ({
  kind: 'NAMED',
  cardNumber: '9100 0000 0000 9001',
  holderId: 'c1',
  funding: 'CREDIT',
  masterCardId: null,
  plate: '',
  dayLimit: null,
  ...over,
});

describe('toIssueInput', () => {
  it('issues a named card to its holder, the number without its spaces, and no funding (the service stores value)', () => {
    expect(toIssueInput(form({}))).toEqual({ input: { cardNumber: '9100000000009001', kind: 'NAMED', customerId: 'c1' } });
  });

  it('issues an anonymous card without a holder, whoever was picked before', () => {
    expect(toIssueInput(form({ kind: 'ANONYMOUS' }))).toEqual({ input: { cardNumber: '9100000000009001', kind: 'ANONYMOUS' } });
  });

  it('issues a master card on the funding chosen, and a sub-card under its master with a plate and a daily limit in fen', () => {
    expect(toIssueInput(form({ kind: 'MASTER' }))).toEqual({ input: { cardNumber: '9100000000009001', kind: 'MASTER', customerId: 'c1', funding: 'CREDIT' } });
    expect(toIssueInput(form({ kind: 'SUB', masterCardId: 'm1', plate: ' 粤B12345 ', dayLimit: { minor: 80050 } }))).toEqual({
      input: { cardNumber: '9100000000009001', kind: 'SUB', masterCardId: 'm1', plate: '粤B12345', limits: [{ period: 'DAY', maxAmountMinor: 80050 }] },
    });
  });

  it('says what to fix: a number that is no card number, a named card without a holder, a limit that is no amount', () => {
    expect(toIssueInput(form({ cardNumber: '12-34', holderId: null }))).toEqual({ problems: { cardNumber: 'invalid', holder: 'missing' } });
    expect(toIssueInput(form({ kind: 'SUB', masterCardId: 'm1', dayLimit: { problem: 'tooPrecise' } }))).toEqual({ problems: { dayLimit: 'tooPrecise' } });
  });
});

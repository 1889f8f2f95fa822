import { randomUUID } from 'node:crypto';
import type { Database } from '@hearth/platform/db';
import { maskPhone, type PiiProtector } from '@hearth/platform/pii';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
];
const BATCH = 5_000;

/** The i-th bench customer's phone: distinct for every i below 100 million. */
export const benchPhone = (i: number): string => `13${String(100_000_000 + ((i * 7_919) % 100_000_000)).padStart(9, '0')}`;
export const benchCardNumber = (i: number): string => `B${String(i).padStart(9, '0')}`;
export const benchName = (i: number): string =>
  `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i % 7 === 0 ? '' : GIVEN[(i * 13) % GIVEN.length]}`;

/**
 * `count` customers of one tenant as the service would store them (encrypted, masked and tokenised
 * phone, a wallet account each), written with `unnest` a batch at a time: a million through the API
 * would time the seeding, not the search.
 */
export async function seedCustomers(db: Database, pii: PiiProtector, tenantId: string, count: number, onBatch?: (done: number) => void): Promise<string[]> {
  const accountIds: string[] = [];
  for (let from = 0; from < count; from += BATCH) {
    const n = Math.min(BATCH, count - from);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const phone = benchPhone(i);
      return { id: randomUUID(), account: randomUUID(), i, phone };
    });
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ledger.account (id, tenant_id, type, currency, owner_ref, name, credit_limit_minor)
         SELECT a, $1, 'CUSTOMER_WALLET', 'CNY', 'customer:' || c, 'bench wallet', 0 FROM unnest($2::uuid[], $3::uuid[]) AS u(a, c)`,
        [tenantId, rows.map((r) => r.account), rows.map((r) => r.id)],
      );
      await tx.query(
        `INSERT INTO customers.customer (id, tenant_id, card_number, type, name, phones_enc, phones_masked, phone_tokens, account_id)
         SELECT id, $1, card, 'RESIDENTIAL', name, ARRAY[enc], ARRAY[masked], tokens.t, account
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[]) AS r(id, card, name, enc, masked, tokens_text, account),
                LATERAL (SELECT string_to_array(tokens_text, ',') AS t) AS tokens`,
        [
          tenantId,
          rows.map((r) => r.id),
          rows.map((r) => benchCardNumber(r.i)),
          rows.map((r) => benchName(r.i)),
          rows.map((r) => pii.encrypt(r.phone)),
          rows.map((r) => maskPhone(r.phone)),
          rows.map((r) => pii.fragmentTokens(r.phone, 'customer-phone').join(',')),
          rows.map((r) => r.account),
        ],
      );
    });
    accountIds.push(...rows.map((r) => r.account));
    onBatch?.(from + n);
  }
  return accountIds;
}

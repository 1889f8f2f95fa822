/** One line of a posting: a signed amount of minor units; + raises the account's balance, − lowers it. */
export interface PostingLineRequest {
  accountId: string;
  amountMinor: number;
}

/** What `post` appends to the books: lines of one currency that sum to zero. */
export interface PostingRequest {
  tenantId: string;
  /** The caller's name for this request (1–200 characters): the same key and request post once. */
  idempotencyKey: string;
  /** `TOP_UP`, `CHARGE`, `DEPOSIT`, `DEPOSIT_RETURN`, `REFUND`, `REVERSAL`, `TRANSFER`, …: `^[A-Z_]{2,40}$`. */
  kind: string;
  description?: string | null;
  /** `user:<id>`, `service:<name>`, `system`: who asked for it. */
  actor: string;
  /** Two or more, each account at most once. */
  lines: readonly PostingLineRequest[];
  metadata?: Record<string, unknown>;
  /** The journal this posting reverses: set by `reverse`. */
  reverses?: string | null;
}

export interface PostingLine {
  entryId: string;
  accountId: string;
  amountMinor: number;
  /** The account's balance once this line was applied. */
  balanceAfterMinor: number;
}

/** A journal as posted, or as found when its idempotency key came again (`replayed`). */
export interface Posting {
  journalId: string;
  idempotencyKey: string;
  kind: string;
  createdAt: Date;
  /** True when this request had been posted before under its key: nothing was posted now. */
  replayed: boolean;
  /** In the order of the request's lines. */
  lines: PostingLine[];
}

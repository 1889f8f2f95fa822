/** The secrets a gateway may connect with: its current one and, during a rotation's grace period, the one before. */
export interface GatewayCredentials {
  /** scrypt PHC string of the current secret. */
  current: string;
  previous?: { hash: string; expiresAt: Date };
}

export function gatewayCredentials(row: {
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_secret_expires_at: Date | null;
}): GatewayCredentials {
  return row.previous_secret_hash && row.previous_secret_expires_at
    ? { current: row.secret_hash, previous: { hash: row.previous_secret_hash, expiresAt: row.previous_secret_expires_at } }
    : { current: row.secret_hash };
}

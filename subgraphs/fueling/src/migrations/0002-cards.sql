-- IC fuel cards (加油卡): named and anonymous, stored-value (a wallet on the ledger) or on a
-- company's credit account, company master cards and their sub-cards, with limits; and the lists
-- offline station controllers keep, as numbered increments. A card number is the only card datum
-- kept: never a PIN or track data (PCI DSS 3.2; the card's own keys stay on the card).
CREATE TABLE fueling.card (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  -- The number printed on the card (16–19 digits), unique in the company.
  card_number text NOT NULL CHECK (card_number ~ '^[0-9]{8,19}$'),
  kind text NOT NULL CHECK (kind IN ('NAMED', 'ANONYMOUS', 'MASTER', 'SUB')),
  -- STORED_VALUE: the holder's wallet; CREDIT: the company's account, up to its credit limit.
  funding text NOT NULL CHECK (funding IN ('STORED_VALUE', 'CREDIT')),
  -- The holder (a customer of the customers subgraph); null for an anonymous card.
  customer_id uuid,
  -- The ledger account the card pays from (a sub-card pays from its master's).
  account_id uuid NOT NULL,
  master_card_id uuid REFERENCES fueling.card (id),
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LOST', 'BLOCKED', 'REPLACED', 'CANCELLED')),
  expires_on date,
  allowed_grades text[],
  allowed_stations uuid[],
  plate text,
  replaced_by uuid REFERENCES fueling.card (id),
  -- The first card of its line: a reissued card keeps it, so its limits count what the cards it
  -- replaced used (reporting a card lost must not reset its day's limit).
  lineage_id uuid NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, card_number),
  UNIQUE (tenant_id, id),
  CHECK ((kind = 'SUB') = (master_card_id IS NOT NULL)),
  CHECK (kind = 'ANONYMOUS' OR customer_id IS NOT NULL)
);
CREATE INDEX card_customer ON fueling.card (tenant_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX card_master ON fueling.card (master_card_id) WHERE master_card_id IS NOT NULL;
CREATE INDEX card_lineage ON fueling.card (tenant_id, lineage_id);

-- A card's limit per period, by amount (fen) and by volume (ml).
CREATE TABLE fueling.card_limit (
  tenant_id uuid NOT NULL,
  card_id uuid NOT NULL,
  period text NOT NULL CHECK (period IN ('DAY', 'WEEK', 'MONTH', 'LIFETIME')),
  max_amount_minor bigint CHECK (max_amount_minor > 0),
  max_volume_ml bigint CHECK (max_volume_ml > 0),
  PRIMARY KEY (card_id, period),
  FOREIGN KEY (tenant_id, card_id) REFERENCES fueling.card (tenant_id, id) ON DELETE CASCADE,
  CHECK (max_amount_minor IS NOT NULL OR max_volume_ml IS NOT NULL)
);

-- The blacklist (cards refused: lost, blocked, replaced, cancelled) and greylist (cards locked by a
-- sale not yet settled) as numbered increments per company: a station's controller asks for the
-- changes after the version it holds, applies them in order and confirms the version it reached.
CREATE TABLE fueling.card_list_change (
  tenant_id uuid NOT NULL,
  version bigint NOT NULL CHECK (version > 0),
  list text NOT NULL CHECK (list IN ('BLACK', 'GREY')),
  card_number text NOT NULL,
  op text NOT NULL CHECK (op IN ('ADD', 'REMOVE')),
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, version)
);
-- Each company's last version, locked by whoever appends (so versions have no gaps).
CREATE TABLE fueling.card_list_head (
  tenant_id uuid PRIMARY KEY,
  version bigint NOT NULL
);

-- What the supply sweep reads every few seconds, by index instead of a join over every bound meter:
-- the ledger's journals other than meter charges, newest (top-ups, refunds, emergency credit: what
-- moves a wallet without this service's charge batch announcing it), and the meters tripped or
-- alarmed. The full comparison of every bound wallet with what was seen still runs, less often.
-- The index on ledger.journal is this service's (the ledger has no index by time): it covers only
-- the journals other than METER_CHARGE, so the charges the service posts do not write it.
CREATE INDEX IF NOT EXISTS journal_moving_wallets_by_time ON ledger.journal (created_at) WHERE kind <> 'METER_CHARGE';
CREATE INDEX meter_watched ON metering.meter (id) WHERE relay_intended = 'OPEN' OR alarm_level <> 'NONE';

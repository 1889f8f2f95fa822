-- Name search by fragment ("黄", "大伟", "harbour") from an index: every run of 1 to 3 characters of
-- the lower-cased name, kept by the database itself (a generated column), under a GIN index. A
-- fragment of up to 3 characters is one of them; a longer one needs its first and last 3 and is
-- then checked with LIKE on those candidates only. Trigram indexes (pg_trgm) skip characters the
-- collation does not call letters, which in the C locale is every Chinese character.
CREATE FUNCTION customers.name_grams(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, n)), '{}')
    FROM generate_series(1, 3) AS n, generate_series(1, char_length(name) - n + 1) AS i
$$;

ALTER TABLE customers.customer ADD COLUMN name_grams text[] GENERATED ALWAYS AS (customers.name_grams(name)) STORED;
CREATE INDEX customer_name_grams ON customers.customer USING gin (name_grams);

-- The search index: for a name or a postcode (many customers share one), every customer holding it, keyed by
-- HMAC(node secret, its searchable form) as the identifier index is (no personal data in the clear); by customer:
-- merges, unmerges and erasures move or drop a customer's rows.
CREATE TABLE search_keys (key TEXT COLLATE "C" NOT NULL, customer TEXT COLLATE "C" NOT NULL, PRIMARY KEY (key, customer));
CREATE INDEX search_keys_by_customer ON search_keys (customer);

-- The log and what rests beside it. Written only by appends; never updated.
CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL);
-- The tree's hashes as C2SP tlog-tiles hash tiles: id = tile level << 48 | tile index (see JdbcLedger.tileId); hashes
-- holds the tile's (up to 256) hashes of tree level 8 * tile level, concatenated. A partial tile grows until full.
CREATE TABLE IF NOT EXISTS tiles (id INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS records (source TEXT NOT NULL, source_record_id TEXT NOT NULL, idx INTEGER NOT NULL,
  PRIMARY KEY (source, source_record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (first INTEGER PRIMARY KEY, count INTEGER NOT NULL, submitter TEXT NOT NULL, note TEXT NOT NULL);
-- Personal parts, encrypted per customer; erasure deletes rows here and keys in data_keys.
CREATE TABLE IF NOT EXISTS vault (idx INTEGER PRIMARY KEY, key_id TEXT NOT NULL, nonce BLOB NOT NULL, ct BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL) WITHOUT ROWID;

-- Projections: dropped and replayed by `touchline rebuild`.
CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;
-- customer: who has the identifier now (merges re-point it); origin: who it was first linked to (unmerges need it).
CREATE TABLE IF NOT EXISTS identifiers (key TEXT PRIMARY KEY, type TEXT NOT NULL, customer TEXT NOT NULL, at_index INTEGER NOT NULL,
  origin TEXT NOT NULL) WITHOUT ROWID;
-- By customer and type: the resolver counts a customer's identifiers of each type from the index alone.
DROP INDEX IF EXISTS identifiers_by_customer;
CREATE INDEX IF NOT EXISTS identifiers_by_customer_type ON identifiers (customer, type);
-- survivor: where the absorbed id points now; merged_into: the customer it was merged into at the time.
CREATE TABLE IF NOT EXISTS merges (absorbed TEXT PRIMARY KEY, survivor TEXT NOT NULL, at_index INTEGER NOT NULL,
  merged_into TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merges_by_survivor ON merges (survivor);
CREATE TABLE IF NOT EXISTS timeline (customer TEXT NOT NULL, at INTEGER NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (customer, at, idx, role)) WITHOUT ROWID;
-- Identity decisions (docs/identity.md): the decision entry as stored in the ledger, and its status (reviews: open, accepted,
-- rejected; everything else: done).
CREATE TABLE IF NOT EXISTS identity_decisions (entry INTEGER PRIMARY KEY, about INTEGER NOT NULL, kind TEXT NOT NULL,
  customer TEXT, other TEXT, status TEXT NOT NULL, decision BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS identity_decisions_by_customer ON identity_decisions (customer);
CREATE INDEX IF NOT EXISTS identity_decisions_by_other ON identity_decisions (other);
CREATE INDEX IF NOT EXISTS identity_decisions_by_status ON identity_decisions (kind, status, entry);
CREATE TABLE IF NOT EXISTS apart (a TEXT NOT NULL, b TEXT NOT NULL, at_index INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS apart_by_b ON apart (b);
-- Relationships that are not identity (households, proxies, employees, parent organisations).
CREATE TABLE IF NOT EXISTS relationships (entry INTEGER PRIMARY KEY, type TEXT NOT NULL, from_customer TEXT NOT NULL,
  to_customer TEXT NOT NULL, valid_from TEXT, valid_to TEXT);
CREATE INDEX IF NOT EXISTS relationships_by_from ON relationships (from_customer);
CREATE INDEX IF NOT EXISTS relationships_by_to ON relationships (to_customer);
-- Consents, ratings, erasures: the entry as stored in the ledger, by the customer it names.
CREATE TABLE IF NOT EXISTS events (entry INTEGER PRIMARY KEY, kind TEXT NOT NULL, customer TEXT, about INTEGER NOT NULL,
  event BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_customer ON events (customer, kind, entry);
CREATE INDEX IF NOT EXISTS events_by_about ON events (about, kind);
-- Every event of one kind (the consents behind an audience, the outcomes behind a tally, contracts at start).
CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, entry);

-- Token movements (mint, burn, expire) per account; a mint's remaining is what burns and expiries left of it.
CREATE TABLE IF NOT EXISTS token_movements (entry INTEGER PRIMARY KEY, account TEXT NOT NULL, movement TEXT NOT NULL,
  amount INTEGER NOT NULL, remaining INTEGER NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS token_movements_by_account ON token_movements (account, entry);

-- What contracts know of each customer (interactions, open complaints, tokens, consents), kept in ledger order.
CREATE TABLE IF NOT EXISTS customer_facts (customer TEXT PRIMARY KEY, facts TEXT NOT NULL) WITHOUT ROWID;
-- The products each customer bought, and by product: who a recall or a product's outage reaches.
CREATE TABLE IF NOT EXISTS customer_products (customer TEXT NOT NULL, product TEXT NOT NULL, PRIMARY KEY (customer, product))
  WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS customer_products_by_product ON customer_products (product, customer);

-- Match profiles of the probabilistic matcher, sealed by the node (names, dates of birth: personal data).
CREATE TABLE IF NOT EXISTS profiles (customer TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
-- The block each profile is in under each blocking rule (a 64-bit hash of rule and key; no personal data), and by
-- block: the candidates the online matcher scores for a new record.
CREATE TABLE IF NOT EXISTS match_blocks (customer TEXT NOT NULL, rule INTEGER NOT NULL, block INTEGER NOT NULL,
  PRIMARY KEY (customer, rule)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS match_blocks_by_block ON match_blocks (block, customer);
-- The search index: for a name or a postcode (many customers share one), every customer holding it, keyed by
-- HMAC(node secret, its searchable form) as the identifier index is (no personal data in the clear); by customer:
-- merges, unmerges and erasures move or drop a customer's rows.
CREATE TABLE IF NOT EXISTS search_keys (key TEXT NOT NULL, customer TEXT NOT NULL, PRIMARY KEY (key, customer)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_keys_by_customer ON search_keys (customer);
-- The postcode areas of each customer's match profile (outward code and its letters), keyed by HMAC(node secret, area):
-- an external event (an outage in "LS6, M1") finds its customers by area, without opening every profile.
CREATE TABLE IF NOT EXISTS postcode_areas (customer TEXT NOT NULL, area TEXT NOT NULL, PRIMARY KEY (customer, area)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postcode_areas_by_area ON postcode_areas (area, customer);

-- Data-subject requests as they stand (docs/requests.md), by the entry that filed them: the privacy team's list by due
-- date, a customer's own. Kept by an erasure (no personal data: ids, types, times).
CREATE TABLE IF NOT EXISTS data_requests (entry INTEGER PRIMARY KEY, type TEXT NOT NULL, customer TEXT, channel TEXT NOT NULL,
  status TEXT NOT NULL, received_at INTEGER NOT NULL, due_at INTEGER NOT NULL, last_entry INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS data_requests_by_status ON data_requests (status, due_at, entry);
CREATE INDEX IF NOT EXISTS data_requests_by_customer ON data_requests (customer, entry);

-- Refused records waiting for a correction.
CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, source TEXT,
  origin TEXT NOT NULL, record_ref TEXT NOT NULL, raw TEXT NOT NULL, problems TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dead_letters_by_status ON dead_letters (status, id);
-- The same refused record read again (a re-run, a resumed ingest) is the same letter, not a second one.
CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_once ON dead_letters (origin, record_ref, raw);
-- Records refused past their source's quota of open letters: counted, not kept.
CREATE TABLE IF NOT EXISTS dead_letter_overflow (quota_key TEXT PRIMARY KEY, refused INTEGER NOT NULL) WITHOUT ROWID;

-- Erased people's strong identifiers, by keyed hash (never the value), with the erasure entry that recorded them: a
-- projection of the erasure entries, so every node refuses the same records when it applies them.
CREATE TABLE IF NOT EXISTS erased_identifiers (key TEXT PRIMARY KEY, entry INTEGER NOT NULL) WITHOUT ROWID;

-- Outbound destinations (docs/destinations.md): not projections (a rebuild keeps them). Each subscription's cursor is
-- the next log index it examines; the entries it passed and still owes are its deliveries, pending or dead.
CREATE TABLE IF NOT EXISTS destinations (id TEXT PRIMARY KEY, name TEXT NOT NULL, sink TEXT NOT NULL, target TEXT NOT NULL,
  kinds TEXT NOT NULL, purpose TEXT NOT NULL, secret TEXT, state TEXT NOT NULL, created_at INTEGER NOT NULL,
  next_index INTEGER NOT NULL, delivered INTEGER NOT NULL, failed INTEGER NOT NULL, skipped INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS destination_deliveries (destination TEXT NOT NULL, idx INTEGER NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, enqueued_at INTEGER NOT NULL, last_error TEXT,
  PRIMARY KEY (destination, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS destination_deliveries_due ON destination_deliveries (destination, status, next_at);

-- Audiences (docs/audiences.md): kept by the node's audience evaluator, which reads the log after commit; not
-- projections (a rebuild keeps them, with the evaluator's cursor). Members by audience and by customer, each audience's
-- size now and per day, when each customer's time windows next change, and how far a new rule's first pass has come.
CREATE TABLE IF NOT EXISTS audience_members (audience TEXT NOT NULL, customer TEXT NOT NULL, since INTEGER NOT NULL,
  entry INTEGER NOT NULL, PRIMARY KEY (audience, customer)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS audience_members_by_customer ON audience_members (customer);
CREATE TABLE IF NOT EXISTS audience_state (audience TEXT PRIMARY KEY, size INTEGER NOT NULL, backfill_after TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audience_sizes (audience TEXT NOT NULL, day TEXT NOT NULL, size INTEGER NOT NULL,
  entered INTEGER NOT NULL, exited INTEGER NOT NULL, PRIMARY KEY (audience, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audience_due (customer TEXT PRIMARY KEY, due_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS audience_due_at ON audience_due (due_at);
CREATE TABLE IF NOT EXISTS audience_cursor (id INTEGER PRIMARY KEY CHECK (id = 0), next_index INTEGER NOT NULL,
  applied_through INTEGER NOT NULL);

-- The log and what rests beside it. Written only by appends; never updated.
CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL);
-- Every complete subtree hash; id = level << 48 | index (see SqliteLedger.hashId).
CREATE TABLE IF NOT EXISTS hashes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS records (source TEXT NOT NULL, source_record_id TEXT NOT NULL, idx INTEGER NOT NULL,
  PRIMARY KEY (source, source_record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (first INTEGER PRIMARY KEY, count INTEGER NOT NULL, submitter TEXT NOT NULL, note TEXT NOT NULL);
-- Personal parts, encrypted per customer; erasure deletes rows here and keys in data_keys.
CREATE TABLE IF NOT EXISTS vault (idx INTEGER PRIMARY KEY, key_id TEXT NOT NULL, nonce BLOB NOT NULL, ct BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL) WITHOUT ROWID;

-- Projections: dropped and replayed by `touchline rebuild`.
CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identifiers (key TEXT PRIMARY KEY, type TEXT NOT NULL, customer TEXT NOT NULL, at_index INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identifiers_by_customer ON identifiers (customer);
CREATE TABLE IF NOT EXISTS merges (absorbed TEXT PRIMARY KEY, survivor TEXT NOT NULL, at_index INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merges_by_survivor ON merges (survivor);
CREATE TABLE IF NOT EXISTS timeline (customer TEXT NOT NULL, at INTEGER NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY (customer, at, idx, role)) WITHOUT ROWID;

-- Refused records waiting for a correction.
CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, source TEXT,
  origin TEXT NOT NULL, record_ref TEXT NOT NULL, raw TEXT NOT NULL, problems TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dead_letters_by_status ON dead_letters (status, id);
-- The same refused record read again (a re-run, a resumed ingest) is the same letter, not a second one.
CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_once ON dead_letters (origin, record_ref, raw);

-- The log and what rests beside it (the same tables as the SQLite store's schema.sql). Written only by appends;
-- never updated. Text that is compared or ordered is COLLATE "C": byte order of UTF-8, SQLite's BINARY, so the two
-- stores order rows alike whatever locale the database was created with.
CREATE TABLE entries (idx BIGINT PRIMARY KEY, leaf BYTEA NOT NULL);
-- Every complete subtree hash; id = level << 48 | index (see PostgresqlLedger.hashId).
CREATE TABLE hashes (id BIGINT PRIMARY KEY, hash BYTEA NOT NULL);
CREATE TABLE records (source TEXT COLLATE "C" NOT NULL, source_record_id TEXT COLLATE "C" NOT NULL, idx BIGINT NOT NULL,
  PRIMARY KEY (source, source_record_id));
CREATE TABLE checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE batches (first BIGINT PRIMARY KEY, count BIGINT NOT NULL, submitter TEXT NOT NULL, note TEXT NOT NULL);
-- Personal parts, encrypted per customer; erasure deletes rows here and keys in data_keys.
CREATE TABLE vault (idx BIGINT PRIMARY KEY, key_id TEXT COLLATE "C" NOT NULL, nonce BYTEA NOT NULL, ct BYTEA NOT NULL);
CREATE TABLE data_keys (key_id TEXT COLLATE "C" PRIMARY KEY, wrapped BYTEA NOT NULL);

-- Outbound destinations (docs/destinations.md): not projections (a rebuild keeps them). Each subscription's cursor is
-- the next log index it examines; the entries it passed and still owes are its deliveries, pending or dead.
CREATE TABLE destinations (id TEXT PRIMARY KEY, name TEXT NOT NULL, sink TEXT NOT NULL, target TEXT NOT NULL,
  kinds TEXT NOT NULL, purpose TEXT NOT NULL, secret TEXT, state TEXT NOT NULL, created_at BIGINT NOT NULL,
  next_index BIGINT NOT NULL, delivered BIGINT NOT NULL, failed BIGINT NOT NULL, skipped BIGINT NOT NULL);
CREATE TABLE destination_deliveries (destination TEXT NOT NULL, idx BIGINT NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL, next_at BIGINT NOT NULL, enqueued_at BIGINT NOT NULL, last_error TEXT,
  PRIMARY KEY (destination, idx));
CREATE INDEX destination_deliveries_due ON destination_deliveries (destination, status, next_at);

-- Projections: dropped and replayed by `touchline rebuild`. Columns in the SQLite store's order: the projections
-- digest reads every column of every row, and must come out equal on both stores after the same ingest.
CREATE TABLE customers (id TEXT COLLATE "C" PRIMARY KEY, created_at BIGINT NOT NULL);
-- customer: who has the identifier now (merges re-point it); origin: who it was first linked to (unmerges need it).
CREATE TABLE identifiers (key TEXT COLLATE "C" PRIMARY KEY, type TEXT COLLATE "C" NOT NULL, customer TEXT COLLATE "C" NOT NULL,
  at_index BIGINT NOT NULL, origin TEXT COLLATE "C" NOT NULL);
CREATE INDEX identifiers_by_customer ON identifiers (customer);
-- survivor: where the absorbed id points now; merged_into: the customer it was merged into at the time.
CREATE TABLE merges (absorbed TEXT COLLATE "C" PRIMARY KEY, survivor TEXT COLLATE "C" NOT NULL, at_index BIGINT NOT NULL,
  merged_into TEXT COLLATE "C" NOT NULL);
CREATE INDEX merges_by_survivor ON merges (survivor);
CREATE TABLE timeline (customer TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL, idx BIGINT NOT NULL, role TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (customer, at, idx, role));
-- Identity decisions: the decision entry as stored in the ledger, and its status (reviews: open, accepted, rejected;
-- everything else: done).
CREATE TABLE identity_decisions (entry BIGINT PRIMARY KEY, about BIGINT NOT NULL, kind TEXT COLLATE "C" NOT NULL,
  customer TEXT COLLATE "C", other TEXT COLLATE "C", status TEXT COLLATE "C" NOT NULL, decision BYTEA NOT NULL);
CREATE INDEX identity_decisions_by_customer ON identity_decisions (customer);
CREATE INDEX identity_decisions_by_other ON identity_decisions (other);
CREATE INDEX identity_decisions_by_status ON identity_decisions (kind, status, entry);
CREATE TABLE apart (a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C" NOT NULL, at_index BIGINT NOT NULL, PRIMARY KEY (a, b));
-- Relationships that are not identity (households, proxies, employees, parent organisations).
CREATE TABLE relationships (entry BIGINT PRIMARY KEY, type TEXT COLLATE "C" NOT NULL, from_customer TEXT COLLATE "C" NOT NULL,
  to_customer TEXT COLLATE "C" NOT NULL, valid_from TEXT COLLATE "C", valid_to TEXT COLLATE "C");
CREATE INDEX relationships_by_from ON relationships (from_customer);
CREATE INDEX relationships_by_to ON relationships (to_customer);
-- Consents, ratings, erasures, tokens, contracts, actions: the entry as stored in the ledger, by the customer it names.
CREATE TABLE events (entry BIGINT PRIMARY KEY, kind TEXT COLLATE "C" NOT NULL, customer TEXT COLLATE "C", about BIGINT NOT NULL,
  event BYTEA NOT NULL);
CREATE INDEX events_by_customer ON events (customer, kind, entry);
CREATE INDEX events_by_about ON events (about, kind);
CREATE INDEX events_by_kind ON events (kind, entry);
-- Token movements (mint, burn, expire) per account; a mint's remaining is what burns and expiries left of it.
CREATE TABLE token_movements (entry BIGINT PRIMARY KEY, account TEXT COLLATE "C" NOT NULL, movement TEXT COLLATE "C" NOT NULL,
  amount BIGINT NOT NULL, remaining BIGINT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX token_movements_by_account ON token_movements (account, entry);
-- What contracts know of each customer (interactions, open complaints, tokens, consents), kept in ledger order.
CREATE TABLE customer_facts (customer TEXT COLLATE "C" PRIMARY KEY, facts TEXT NOT NULL);
-- Match profiles of the probabilistic matcher, sealed by the node (names, dates of birth: personal data).
CREATE TABLE profiles (customer TEXT COLLATE "C" PRIMARY KEY, sealed BYTEA NOT NULL);

-- Audiences (docs/audiences.md): kept by the node's audience evaluator, which reads the log after commit; not
-- projections (a rebuild keeps them, with the evaluator's cursor). Members by audience and by customer, each audience's
-- size now and per day, when each customer's time windows next change, and how far a new rule's first pass has come.
CREATE TABLE audience_members (audience TEXT NOT NULL, customer TEXT NOT NULL, since BIGINT NOT NULL,
  entry BIGINT NOT NULL, PRIMARY KEY (audience, customer));
CREATE INDEX audience_members_by_customer ON audience_members (customer);
CREATE TABLE audience_state (audience TEXT PRIMARY KEY, size BIGINT NOT NULL, backfill_after TEXT);
CREATE TABLE audience_sizes (audience TEXT NOT NULL, day TEXT NOT NULL, size BIGINT NOT NULL,
  entered BIGINT NOT NULL, exited BIGINT NOT NULL, PRIMARY KEY (audience, day));
CREATE TABLE audience_due (customer TEXT PRIMARY KEY, due_at BIGINT NOT NULL);
CREATE INDEX audience_due_at ON audience_due (due_at);
CREATE TABLE audience_cursor (id INTEGER PRIMARY KEY CHECK (id = 0), next_index BIGINT NOT NULL, applied_through BIGINT NOT NULL);

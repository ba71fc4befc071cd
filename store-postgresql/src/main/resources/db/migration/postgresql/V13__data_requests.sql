-- Data-subject requests as they stand (docs/requests.md), by the entry that filed them: the privacy team's list by due
-- date, a customer's own. A projection (a rebuild replays it); kept by an erasure (no personal data: ids, types, times).
CREATE TABLE data_requests (entry BIGINT PRIMARY KEY, type TEXT COLLATE "C" NOT NULL, customer TEXT COLLATE "C",
  channel TEXT COLLATE "C" NOT NULL, status TEXT COLLATE "C" NOT NULL, received_at BIGINT NOT NULL, due_at BIGINT NOT NULL,
  last_entry BIGINT NOT NULL);
CREATE INDEX data_requests_by_status ON data_requests (status, due_at, entry);
CREATE INDEX data_requests_by_customer ON data_requests (customer, entry);

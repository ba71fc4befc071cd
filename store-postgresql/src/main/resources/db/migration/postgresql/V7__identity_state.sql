-- The resolver reads its state from the store through indexes instead of holding it in the heap.
-- By customer and type: a customer's identifiers of each type are counted from the index alone.
DROP INDEX identifiers_by_customer;
CREATE INDEX identifiers_by_customer_type ON identifiers (customer, type);
-- Pairs kept apart are found from either side.
CREATE INDEX apart_by_b ON apart (b);
-- The block each match profile is in under each blocking rule (a 64-bit hash of rule and key; no personal data), and
-- by block: the candidates the online matcher scores for a new record. Columns in the SQLite store's order.
CREATE TABLE match_blocks (customer TEXT COLLATE "C" NOT NULL, rule INTEGER NOT NULL, block BIGINT NOT NULL,
  PRIMARY KEY (customer, rule));
CREATE INDEX match_blocks_by_block ON match_blocks (block, customer);
-- The products each customer bought, and by product: who a recall or a product's outage reaches.
CREATE TABLE customer_products (customer TEXT COLLATE "C" NOT NULL, product TEXT COLLATE "C" NOT NULL, PRIMARY KEY (customer, product));
CREATE INDEX customer_products_by_product ON customer_products (product, customer);

-- The tree's hashes as C2SP tlog-tiles hash tiles, one row per tile instead of one per tree node: id = tile level << 48
-- | tile index (see JdbcLedger.tileId); hashes holds the tile's (up to 256) hashes of tree level 8 * tile level,
-- concatenated. A partial tile grows until full. The old hashes table is converted into this one, and dropped, when
-- the store next opens (TileConversion), by the same code as on SQLite.
CREATE TABLE tiles (id BIGINT PRIMARY KEY, hashes BYTEA NOT NULL);

-- Records refused past their source's quota of open dead letters: counted, not kept.
CREATE TABLE dead_letter_overflow (quota_key TEXT PRIMARY KEY, refused BIGINT NOT NULL);

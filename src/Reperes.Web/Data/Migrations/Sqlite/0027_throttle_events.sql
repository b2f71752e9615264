-- 0027: attempts counted by the account throttles (wrong passwords, password-reset messages), per e-mail address and
-- per client address, shared by every instance; kept as hashes, for a day. SQLite.

CREATE TABLE "throttle_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_throttle_events" PRIMARY KEY AUTOINCREMENT,
    "rule" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "occurred_at" INTEGER NOT NULL
);

CREATE INDEX "ix_throttle_events_occurred_at" ON "throttle_events" ("occurred_at");

CREATE INDEX "ix_throttle_events_key_hash_occurred_at" ON "throttle_events" ("key_hash", "occurred_at");

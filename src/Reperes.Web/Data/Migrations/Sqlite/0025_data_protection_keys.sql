-- 0025: the data-protection keys (cookies, antiforgery tokens, signed links) in the database, so that every instance
-- reads the same key ring. SQLite.

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);

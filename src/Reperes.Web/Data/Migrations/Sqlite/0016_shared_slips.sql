-- 0016: orientation slips shared by a link: places, chosen services and a note, nothing about the person. SQLite.

CREATE TABLE "shared_slips" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_shared_slips" PRIMARY KEY AUTOINCREMENT,
    "token_hash" TEXT NOT NULL,
    "places" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL
);

CREATE INDEX "ix_shared_slips_expires_at" ON "shared_slips" ("expires_at");

CREATE UNIQUE INDEX "ix_shared_slips_token_hash" ON "shared_slips" ("token_hash");

-- 0004: invitations to join a structure's team (single-use, expiring; only the code's hash is stored). SQLite.
-- Generated from the EF model (schema-script): the statements 0001 to 0003 do not have.

CREATE TABLE "invitations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_invitations" PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "invited_by_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "accepted_at" INTEGER NULL,
    "code_hash" TEXT NOT NULL,
    CONSTRAINT "fk_invitations_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_invitations_code_hash" ON "invitations" ("code_hash");

CREATE INDEX "ix_invitations_structure_id" ON "invitations" ("structure_id");

-- 0003: revisions of the sheets (who changed what, when). SQLite.
-- Generated from the EF model (schema-script): the statements 0001 and 0002 do not have.

CREATE TABLE "sheet_revisions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sheet_revisions" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,
    CONSTRAINT "fk_sheet_revisions_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_sheet_revisions_structure_id_at" ON "sheet_revisions" ("structure_id", "at");

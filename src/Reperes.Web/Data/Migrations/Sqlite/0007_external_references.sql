-- 0007: which structure each item of an imported file became (re-importing updates it), and what the import wrote. SQLite.
-- Generated from the EF model (schema-script): only the external_references statements; depends on 0001 only.

CREATE TABLE "external_references" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_external_references" PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "imported_values" TEXT NOT NULL,
    "imported_at" INTEGER NOT NULL,
    CONSTRAINT "fk_external_references_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_external_references_source_external_id" ON "external_references" ("source", "external_id");

CREATE INDEX "ix_external_references_structure_id" ON "external_references" ("structure_id");

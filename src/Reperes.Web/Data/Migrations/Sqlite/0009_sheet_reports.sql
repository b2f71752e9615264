-- 0009: public reports "this information is wrong" on a sheet, followed to resolution. SQLite.
-- Generated from the EF model (schema-script).

CREATE TABLE "sheet_reports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sheet_reports" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "section" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "contact_email" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "resolution_note" TEXT NULL,
    "resolved_by_id" TEXT NULL,
    "resolved_by_name" TEXT NULL,
    "resolved_at" INTEGER NULL,
    CONSTRAINT "fk_sheet_reports_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_sheet_reports_status_created_at" ON "sheet_reports" ("status", "created_at");

CREATE INDEX "ix_sheet_reports_structure_id_status" ON "sheet_reports" ("structure_id", "status");

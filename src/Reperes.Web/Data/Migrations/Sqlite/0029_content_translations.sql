-- 0029: content translations — a sheet's, a service's, a notice's and a publication's free texts in other languages,
-- each with its status, its author and the hash of the French it follows (outdated when the French changes). SQLite.

CREATE TABLE "content_translations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_content_translations" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NULL,
    "subject" INTEGER NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "is_machine" INTEGER NOT NULL,
    "source_hash" TEXT NOT NULL,
    "outdated_since" INTEGER NULL,
    "author_id" TEXT NULL,
    "author_name" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "reviewer_id" TEXT NULL,
    "reviewer_name" TEXT NULL,
    "reviewed_at" INTEGER NULL,
    CONSTRAINT "fk_content_translations_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_content_translations_subject_subject_id_field_language" ON "content_translations" ("subject", "subject_id", "field", "language");

CREATE INDEX "ix_content_translations_structure_id_language" ON "content_translations" ("structure_id", "language");

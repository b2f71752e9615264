-- 0005: publications (articles, news, events, projects) with their needs and attachments, and workshops. SQLite.
-- Generated from the EF model (schema-script): the statements 0001 to 0004 do not have.

CREATE TABLE "workshops" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_workshops" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "facilitator_id" TEXT NOT NULL,
    "facilitator_name" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "closed_at" INTEGER NULL,
    CONSTRAINT "fk_workshops_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "publications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_publications" PRIMARY KEY AUTOINCREMENT,
    "kind" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "structure_id" INTEGER NULL,
    "author_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "signature" TEXT NULL,
    "workshop_id" INTEGER NULL,
    "consent_at" INTEGER NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "starts_at" INTEGER NULL,
    "ends_at" INTEGER NULL,
    "place" TEXT NULL,
    "audience" TEXT NULL,
    "registration" TEXT NULL,
    "capacity" INTEGER NULL,
    "expires_at" INTEGER NULL,
    "featured" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "proposed_at" INTEGER NULL,
    "publish_from" INTEGER NULL,
    "decided_by_id" TEXT NULL,
    "decided_at" INTEGER NULL,
    "refusal_reason" TEXT NULL,
    CONSTRAINT "fk_publications_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_publications_workshops_workshop_id" FOREIGN KEY ("workshop_id") REFERENCES "workshops" ("id") ON DELETE SET NULL
);

CREATE TABLE "attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_attachments" PRIMARY KEY AUTOINCREMENT,
    "publication_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "stored_name" TEXT NULL,
    "small_name" TEXT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NULL,
    "height" INTEGER NULL,
    "original_name" TEXT NOT NULL,
    "url" TEXT NULL,
    "alt_text" TEXT NULL,
    "caption" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_attachments_publications_publication_id" FOREIGN KEY ("publication_id") REFERENCES "publications" ("id") ON DELETE CASCADE
);

CREATE TABLE "publication_needs" (
    "publication_id" INTEGER NOT NULL,
    "need_id" INTEGER NOT NULL,
    CONSTRAINT "pk_publication_needs" PRIMARY KEY ("publication_id", "need_id"),
    CONSTRAINT "fk_publication_needs_needs_need_id" FOREIGN KEY ("need_id") REFERENCES "needs" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_publication_needs_publications_publication_id" FOREIGN KEY ("publication_id") REFERENCES "publications" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_attachments_publication_id" ON "attachments" ("publication_id");

CREATE INDEX "ix_attachments_stored_name" ON "attachments" ("stored_name");

CREATE INDEX "ix_publication_needs_need_id" ON "publication_needs" ("need_id");

CREATE INDEX "ix_publications_author_id" ON "publications" ("author_id");

CREATE INDEX "ix_publications_status_publish_from" ON "publications" ("status", "publish_from");

CREATE INDEX "ix_publications_status_starts_at" ON "publications" ("status", "starts_at");

CREATE INDEX "ix_publications_structure_id_status" ON "publications" ("structure_id", "status");

CREATE INDEX "ix_publications_workshop_id" ON "publications" ("workshop_id");

CREATE INDEX "ix_workshops_structure_id_held_on" ON "workshops" ("structure_id", "held_on");


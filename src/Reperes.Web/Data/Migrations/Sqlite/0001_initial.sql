-- 0001: the guide (taxonomy, structures, services, notices) and its full-text index. SQLite.
-- Tables generated from the EF model (schema-script), then the FTS5 index added by hand.
CREATE TABLE "needs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_needs" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name_fr" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_fr" TEXT NOT NULL,
    "description_en" TEXT NOT NULL,
    "pictogram" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

CREATE TABLE "structures" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_structures" PRIMARY KEY AUTOINCREMENT,
    "uid" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "networks" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "street" TEXT NULL,
    "postal_code" TEXT NULL,
    "city" TEXT NULL,
    "commune_code" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "geo_cell" INTEGER NULL,
    "phones" TEXT NOT NULL,
    "email" TEXT NULL,
    "website" TEXT NULL,
    "wheelchair_accessible" INTEGER NULL,
    "languages" TEXT NOT NULL,
    "opening_hours" TEXT NULL,
    "opening_hours_details" TEXT NULL,
    "status" INTEGER NOT NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "verified_at" INTEGER NULL
);

CREATE TABLE "categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_categories" PRIMARY KEY AUTOINCREMENT,
    "need_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name_fr" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "thematiques" TEXT NOT NULL,
    "synonyms" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "fk_categories_needs_need_id" FOREIGN KEY ("need_id") REFERENCES "needs" ("id") ON DELETE RESTRICT
);

CREATE TABLE "services" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_services" PRIMARY KEY AUTOINCREMENT,
    "uid" TEXT NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "types" TEXT NOT NULL,
    "publics" TEXT NOT NULL,
    "gender" INTEGER NOT NULL,
    "age_min" INTEGER NULL,
    "age_max" INTEGER NULL,
    "administrative_situation" TEXT NULL,
    "access" INTEGER NOT NULL,
    "access_details" TEXT NULL,
    "is_free" INTEGER NOT NULL,
    "cost_details" TEXT NULL,
    "opening_hours" TEXT NULL,
    "modes_accueil" TEXT NOT NULL,
    "remote_phone" TEXT NULL,
    "remote_website" TEXT NULL,
    CONSTRAINT "fk_services_categories_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_services_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "notices" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notices" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "service_id" INTEGER NULL,
    "kind" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "opening_hours" TEXT NULL,
    CONSTRAINT "fk_notices_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_notices_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_categories_code" ON "categories" ("code");

CREATE INDEX "ix_categories_need_id" ON "categories" ("need_id");

CREATE UNIQUE INDEX "ix_needs_code" ON "needs" ("code");

CREATE INDEX "ix_notices_service_id" ON "notices" ("service_id");

CREATE INDEX "ix_notices_structure_id_ends_on" ON "notices" ("structure_id", "ends_on");

CREATE INDEX "ix_services_category_id_structure_id" ON "services" ("category_id", "structure_id");

CREATE INDEX "ix_services_structure_id" ON "services" ("structure_id");

CREATE UNIQUE INDEX "ix_services_uid" ON "services" ("uid");

CREATE INDEX "ix_structures_commune_code" ON "structures" ("commune_code");

CREATE UNIQUE INDEX "ix_structures_slug" ON "structures" ("slug");

CREATE INDEX "ix_structures_status_geo_cell_latitude_longitude" ON "structures" ("status", "geo_cell", "latitude", "longitude");

CREATE INDEX "ix_structures_status_name" ON "structures" ("status", "name");

CREATE UNIQUE INDEX "ix_structures_uid" ON "structures" ("uid");

-- Full-text index of the online structures: terms are folded and stemmed by the application (TextNormalizer), so
-- unicode61 only splits them; "cats" holds one token per category offered (c<id>), so that needs and synonyms
-- are searched in the same index.
CREATE VIRTUAL TABLE "structure_search" USING fts5("name", "body", "cats", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');

CREATE VIRTUAL TABLE "structure_search_vocab" USING fts5vocab("structure_search", 'row');

CREATE TRIGGER "structures_search_delete" AFTER DELETE ON "structures"
BEGIN
    DELETE FROM "structure_search" WHERE rowid = old."id";
END;

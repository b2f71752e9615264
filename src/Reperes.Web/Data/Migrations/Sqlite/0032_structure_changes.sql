-- 0032: the log of changed structures, for the search's read model of every instance: triggers write one entry per
-- structure whose row or services change (inside the writer's transaction, so seen once committed), whoever writes
-- (the single write path, an import, a script, another instance). SQLite.

CREATE TABLE "structure_changes" (
    "seq" INTEGER NOT NULL CONSTRAINT "pk_structure_changes" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL
);

CREATE TRIGGER "structure_changes_structures_insert" AFTER INSERT ON "structures"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (NEW."id");
END;

CREATE TRIGGER "structure_changes_structures_update" AFTER UPDATE ON "structures"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (NEW."id");
END;

CREATE TRIGGER "structure_changes_structures_delete" AFTER DELETE ON "structures"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (OLD."id");
END;

CREATE TRIGGER "structure_changes_services_insert" AFTER INSERT ON "services"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (NEW."structure_id");
END;

CREATE TRIGGER "structure_changes_services_update" AFTER UPDATE ON "services"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (NEW."structure_id");
END;

CREATE TRIGGER "structure_changes_services_moved" AFTER UPDATE OF "structure_id" ON "services"
    WHEN OLD."structure_id" <> NEW."structure_id"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (OLD."structure_id");
END;

CREATE TRIGGER "structure_changes_services_delete" AFTER DELETE ON "services"
BEGIN
    INSERT INTO "structure_changes" ("structure_id") VALUES (OLD."structure_id");
END;

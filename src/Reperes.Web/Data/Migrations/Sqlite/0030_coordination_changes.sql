-- 0030: the version of what the coordination's pages and the HSDS lists hold in memory: one row that triggers add one
-- to at every change of the tables they read (inside the writer's transaction, so seen once committed), whatever
-- writes (the single write path, an import, a script). A page reads it (one tiny read) and rebuilds what it keeps
-- only when it moved. SQLite.

CREATE TABLE "coordination_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_coordination_changes" PRIMARY KEY,
    "version" INTEGER NOT NULL
);

INSERT INTO "coordination_changes" ("id", "version") VALUES (1, 0);

CREATE TRIGGER "coordination_changes_structures_insert" AFTER INSERT ON "structures"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_structures_update" AFTER UPDATE ON "structures"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_structures_delete" AFTER DELETE ON "structures"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_services_insert" AFTER INSERT ON "services"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_services_update" AFTER UPDATE ON "services"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_services_delete" AFTER DELETE ON "services"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_memberships_insert" AFTER INSERT ON "memberships"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_memberships_update" AFTER UPDATE ON "memberships"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_memberships_delete" AFTER DELETE ON "memberships"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_reports_insert" AFTER INSERT ON "sheet_reports"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_reports_update" AFTER UPDATE ON "sheet_reports"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_reports_delete" AFTER DELETE ON "sheet_reports"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_verifications_insert" AFTER INSERT ON "verifications"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_verifications_update" AFTER UPDATE ON "verifications"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_verifications_delete" AFTER DELETE ON "verifications"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_revisions_insert" AFTER INSERT ON "sheet_revisions"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_revisions_update" AFTER UPDATE ON "sheet_revisions"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "coordination_changes_sheet_revisions_delete" AFTER DELETE ON "sheet_revisions"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

-- An account locked or unlocked changes the teams' active members; its other columns move at every sign-in.
CREATE TRIGGER "coordination_changes_users_lockout" AFTER UPDATE OF "lockout_end" ON "users"
WHEN old."lockout_end" IS NOT new."lockout_end"
BEGIN
    UPDATE "coordination_changes" SET "version" = "version" + 1 WHERE "id" = 1;
END;

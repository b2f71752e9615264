-- 0006: scopes of moderators (a need or a structure each; none = the whole network). SQLite.
-- Generated from the EF model (schema-script): only the moderator_scopes statements; depends on 0001 and 0002 only.

CREATE TABLE "moderator_scopes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_moderator_scopes" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "need_id" INTEGER NULL,
    "structure_id" INTEGER NULL,
    CONSTRAINT "ck_moderator_scopes_one_target" CHECK ((need_id IS NULL) <> (structure_id IS NULL)),
    CONSTRAINT "fk_moderator_scopes_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_moderator_scopes_needs_need_id" FOREIGN KEY ("need_id") REFERENCES "needs" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_moderator_scopes_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_moderator_scopes_need_id" ON "moderator_scopes" ("need_id");

CREATE INDEX "ix_moderator_scopes_structure_id" ON "moderator_scopes" ("structure_id");

CREATE UNIQUE INDEX "ix_moderator_scopes_user_id_need_id" ON "moderator_scopes" ("user_id", "need_id");

CREATE UNIQUE INDEX "ix_moderator_scopes_user_id_structure_id" ON "moderator_scopes" ("user_id", "structure_id");

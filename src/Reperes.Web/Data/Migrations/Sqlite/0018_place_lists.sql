-- 0018: professionals' lists of places (shared read-only with colleagues of a body or a structure's team), their
-- settings for the changes in those places (weekly digest, opt-in) and the digests sent, one per user and week. SQLite.

CREATE TABLE "list_digests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_list_digests" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "sent_at" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL,
    CONSTRAINT "fk_list_digests_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "list_watches" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_list_watches" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "digest" INTEGER NOT NULL,
    "digest_since" INTEGER NULL,
    "seen_at" INTEGER NULL,
    CONSTRAINT "fk_list_watches_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "place_lists" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_place_lists" PRIMARY KEY AUTOINCREMENT,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sharing" INTEGER NOT NULL,
    "shared_body_id" INTEGER NULL,
    "shared_structure_id" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_place_lists_partner_bodies_shared_body_id" FOREIGN KEY ("shared_body_id") REFERENCES "partner_bodies" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_place_lists_structures_shared_structure_id" FOREIGN KEY ("shared_structure_id") REFERENCES "structures" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_place_lists_users_owner_id" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "place_list_items" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_place_list_items" PRIMARY KEY AUTOINCREMENT,
    "list_id" INTEGER NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "added_at" INTEGER NOT NULL,
    CONSTRAINT "fk_place_list_items_place_lists_list_id" FOREIGN KEY ("list_id") REFERENCES "place_lists" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_place_list_items_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_list_digests_user_id_week" ON "list_digests" ("user_id", "week");

CREATE UNIQUE INDEX "ix_list_watches_user_id" ON "list_watches" ("user_id");

CREATE UNIQUE INDEX "ix_place_list_items_list_id_structure_id" ON "place_list_items" ("list_id", "structure_id");

CREATE INDEX "ix_place_list_items_structure_id" ON "place_list_items" ("structure_id");

CREATE INDEX "ix_place_lists_owner_id" ON "place_lists" ("owner_id");

CREATE INDEX "ix_place_lists_shared_body_id" ON "place_lists" ("shared_body_id");

CREATE INDEX "ix_place_lists_shared_structure_id" ON "place_lists" ("shared_structure_id");

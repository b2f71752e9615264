-- 0008: fresh data. Update frequency and "unverified" flag of structures, frequency of services, verifications,
-- single-use update links (only the code's hash is stored), reminders sent, verification campaigns. SQLite.
-- Generated from the EF model (schema-script): the statements 0001 to 0007 do not have.

ALTER TABLE "structures" ADD COLUMN "update_frequency_months" INTEGER NOT NULL DEFAULT 6;

ALTER TABLE "structures" ADD COLUMN "unverified_since" INTEGER NULL;

ALTER TABLE "services" ADD COLUMN "update_frequency_months" INTEGER NULL;

CREATE TABLE "campaigns" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_campaigns" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "sections" INTEGER NOT NULL,
    "scope" INTEGER NOT NULL,
    "need_id" INTEGER NULL,
    "commune_code" TEXT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_campaigns_needs_need_id" FOREIGN KEY ("need_id") REFERENCES "needs" ("id") ON DELETE RESTRICT
);

CREATE TABLE "reminders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_reminders" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "due_at" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "sent_at" INTEGER NOT NULL,
    "recipient_count" INTEGER NOT NULL,
    CONSTRAINT "fk_reminders_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "campaign_structures" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_campaign_structures" PRIMARY KEY AUTOINCREMENT,
    "campaign_id" INTEGER NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "progress" INTEGER NOT NULL,
    "sent_at" INTEGER NULL,
    "sent_count" INTEGER NOT NULL,
    "started_at" INTEGER NULL,
    "done_at" INTEGER NULL,
    "answered_by" INTEGER NULL,
    CONSTRAINT "fk_campaign_structures_campaigns_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_campaign_structures_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "update_links" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_update_links" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NULL,
    "recipient_email" TEXT NOT NULL,
    "recipient_user_id" TEXT NULL,
    "sections" INTEGER NOT NULL,
    "confirmed_sections" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "opened_at" INTEGER NULL,
    "used_at" INTEGER NULL,
    "code_hash" TEXT NOT NULL,
    CONSTRAINT "fk_update_links_campaigns_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_update_links_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "verifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_verifications" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "method" INTEGER NOT NULL,
    "sections" INTEGER NOT NULL,
    "by_user_id" TEXT NULL,
    "by_email" TEXT NULL,
    "campaign_id" INTEGER NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_verifications_campaigns_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_verifications_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_campaign_structures_campaign_id_structure_id" ON "campaign_structures" ("campaign_id", "structure_id");

CREATE INDEX "ix_campaign_structures_structure_id" ON "campaign_structures" ("structure_id");

CREATE INDEX "ix_campaigns_created_at" ON "campaigns" ("created_at");

CREATE INDEX "ix_campaigns_need_id" ON "campaigns" ("need_id");

CREATE UNIQUE INDEX "ix_reminders_structure_id_due_at_step" ON "reminders" ("structure_id", "due_at", "step");

CREATE INDEX "ix_update_links_campaign_id" ON "update_links" ("campaign_id");

CREATE UNIQUE INDEX "ix_update_links_code_hash" ON "update_links" ("code_hash");

CREATE INDEX "ix_update_links_structure_id" ON "update_links" ("structure_id");

CREATE INDEX "ix_verifications_campaign_id" ON "verifications" ("campaign_id");

CREATE INDEX "ix_verifications_structure_id_at" ON "verifications" ("structure_id", "at");

-- 0017: professional accounts (partner bodies, registrations and the coordinator's decisions), what only professionals see
-- on sheets (direct contact, notes for partners) and the services' referral settings. SQLite.

CREATE TABLE "partner_bodies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_partner_bodies" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "email_domains" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "professional_profiles" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_professional_profiles" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "workplace" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "job_title" TEXT NOT NULL,
    "body_id" INTEGER NULL,
    "status" INTEGER NOT NULL,
    "requested_at" INTEGER NOT NULL,
    "decided_at" INTEGER NULL,
    "decided_by" TEXT NULL,
    "refusal_reason" TEXT NULL,
    CONSTRAINT "fk_professional_profiles_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_professional_profiles_partner_bodies_body_id" FOREIGN KEY ("body_id") REFERENCES "partner_bodies" ("id") ON DELETE SET NULL
);

ALTER TABLE "structures" ADD COLUMN "professional_contact" TEXT NULL;

ALTER TABLE "structures" ADD COLUMN "partner_notes" TEXT NULL;

ALTER TABLE "services" ADD COLUMN "accepts_referrals" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "services" ADD COLUMN "referral_conditions" TEXT NULL;

ALTER TABLE "services" ADD COLUMN "referral_documents" TEXT NULL;

ALTER TABLE "services" ADD COLUMN "referral_field_keys" TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX "ix_partner_bodies_name" ON "partner_bodies" ("name");

CREATE INDEX "ix_professional_profiles_body_id" ON "professional_profiles" ("body_id");

CREATE INDEX "ix_professional_profiles_status_requested_at" ON "professional_profiles" ("status", "requested_at");

CREATE UNIQUE INDEX "ix_professional_profiles_user_id" ON "professional_profiles" ("user_id");

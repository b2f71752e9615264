-- 0019: referral requests (adressage): what a professional sends a service that accepts referrals, its answer, and after
-- erasure only the service, the state and the dates the anonymous counts need. SQLite.

CREATE TABLE "referrals" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_referrals" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "service_id" INTEGER NULL,
    "service_name" TEXT NOT NULL,
    "sender_id" TEXT NULL,
    "state" INTEGER NOT NULL,
    "token_hash" TEXT NULL,
    "reminder_token_hash" TEXT NULL,
    "situation" TEXT NOT NULL,
    "initials" TEXT NULL,
    "message" TEXT NOT NULL,
    "consent_given" INTEGER NOT NULL,
    "consent_by" TEXT NOT NULL,
    "consent_on" TEXT NOT NULL,
    "contact_phone" TEXT NULL,
    "contact_email" TEXT NOT NULL,
    "sender_label" TEXT NOT NULL,
    "document_file" TEXT NULL,
    "document_type" TEXT NULL,
    "sent_at" INTEGER NOT NULL,
    "reminded_at" INTEGER NULL,
    "answered_at" INTEGER NULL,
    "decided_at" INTEGER NULL,
    "answered_by" TEXT NULL,
    "answer_text" TEXT NULL,
    "expired_at" INTEGER NULL,
    "erased_at" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_referrals_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_referrals_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_referrals_users_sender_id" FOREIGN KEY ("sender_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "ix_referrals_reminder_token_hash" ON "referrals" ("reminder_token_hash");

CREATE INDEX "ix_referrals_sender_id" ON "referrals" ("sender_id");

CREATE INDEX "ix_referrals_service_id" ON "referrals" ("service_id");

CREATE INDEX "ix_referrals_state_sent_at" ON "referrals" ("state", "sent_at");

CREATE INDEX "ix_referrals_structure_id" ON "referrals" ("structure_id");

CREATE UNIQUE INDEX "ix_referrals_token_hash" ON "referrals" ("token_hash");

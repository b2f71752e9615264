-- 0020: the fields of the national standard of digital-mediation places on the services of the digital categories
-- (kinds of help, ways of accompaniment, publics, specific support, fees, national programmes, labels, ways to come) and
-- the equipment a place lends; lists of codes separated by '|'. SQLite.

ALTER TABLE "services" ADD COLUMN "mediation_services" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_support" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_publics" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_specific_support" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_fees" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_programmes" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_labels" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_access" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_equipment" TEXT NOT NULL DEFAULT '';

ALTER TABLE "services" ADD COLUMN "mediation_other_labels" TEXT NULL;

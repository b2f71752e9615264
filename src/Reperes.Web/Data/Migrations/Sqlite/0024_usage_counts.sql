-- 0024: anonymous counts of what people do (searches, sheets read, taps on call/directions, slips, referrals, API and
-- exports): raw events with the local day and hour of the week only, folded into monthly totals after the retention
-- period. No address, no browser, no identifier. SQLite.

CREATE TABLE "usage_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_usage_events" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "hour_of_week" INTEGER NOT NULL,
    "need_code" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "words" TEXT NOT NULL,
    "results" INTEGER NOT NULL
);

CREATE INDEX "ix_usage_events_day" ON "usage_events" ("day");

CREATE INDEX "ix_usage_events_month_kind" ON "usage_events" ("month", "kind");

CREATE INDEX "ix_usage_events_structure_id_month" ON "usage_events" ("structure_id", "month");

CREATE TABLE "usage_months" (
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "need_code" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "structure_id" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "words" TEXT NOT NULL,
    "results" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    CONSTRAINT "pk_usage_months" PRIMARY KEY ("month", "kind", "need_code", "category_code", "commune", "structure_id", "detail", "words", "results")
);

CREATE INDEX "ix_usage_months_structure_id_month" ON "usage_months" ("structure_id", "month");

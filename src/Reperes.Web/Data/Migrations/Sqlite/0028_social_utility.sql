-- 0028: social utility — frameworks (values → criteria → indicators, network template and structures' own), evaluated
-- actions and their periods, observations, testimonies and their coding, self-assessments, the territory's yearly results. SQLite.

CREATE TABLE "territory_results" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_territory_results" PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "computed_at" INTEGER NOT NULL,
    "published_at" INTEGER NULL
);

CREATE TABLE "frameworks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_frameworks" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "project" TEXT NULL,
    "description" TEXT NULL,
    "template_id" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_frameworks_frameworks_template_id" FOREIGN KEY ("template_id") REFERENCES "frameworks" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_frameworks_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "evaluated_actions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_evaluated_actions" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "framework_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_evaluated_actions_frameworks_framework_id" FOREIGN KEY ("framework_id") REFERENCES "frameworks" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_evaluated_actions_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "framework_dimensions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_framework_dimensions" PRIMARY KEY AUTOINCREMENT,
    "framework_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "fk_framework_dimensions_frameworks_framework_id" FOREIGN KEY ("framework_id") REFERENCES "frameworks" ("id") ON DELETE CASCADE
);

CREATE TABLE "action_periods" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_action_periods" PRIMARY KEY AUTOINCREMENT,
    "action_id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "closed_at" INTEGER NULL,
    "validated_at" INTEGER NULL,
    "validated_by_id" TEXT NULL,
    CONSTRAINT "fk_action_periods_evaluated_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "evaluated_actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "evaluated_action_services" (
    "action_id" INTEGER NOT NULL,
    "service_id" INTEGER NOT NULL,
    CONSTRAINT "pk_evaluated_action_services" PRIMARY KEY ("action_id", "service_id"),
    CONSTRAINT "fk_evaluated_action_services_evaluated_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "evaluated_actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_evaluated_action_services_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services" ("id") ON DELETE CASCADE
);

CREATE TABLE "framework_criteria" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_framework_criteria" PRIMARY KEY AUTOINCREMENT,
    "dimension_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "template_criterion_id" INTEGER NULL,
    CONSTRAINT "fk_framework_criteria_framework_criteria_template_criterion_id" FOREIGN KEY ("template_criterion_id") REFERENCES "framework_criteria" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_framework_criteria_framework_dimensions_dimension_id" FOREIGN KEY ("dimension_id") REFERENCES "framework_dimensions" ("id") ON DELETE CASCADE
);

CREATE TABLE "self_assessments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_self_assessments" PRIMARY KEY AUTOINCREMENT,
    "period_id" INTEGER NOT NULL,
    "held_on" TEXT NOT NULL,
    "participants" TEXT NULL,
    "recorded_by_id" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_self_assessments_action_periods_period_id" FOREIGN KEY ("period_id") REFERENCES "action_periods" ("id") ON DELETE CASCADE
);

CREATE TABLE "testimonies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_testimonies" PRIMARY KEY AUTOINCREMENT,
    "structure_id" INTEGER NOT NULL,
    "action_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "text" TEXT NULL,
    "recording_name" TEXT NULL,
    "recording_type" TEXT NULL,
    "consent" INTEGER NOT NULL,
    "retain_until" TEXT NOT NULL,
    "collected_on" TEXT NOT NULL,
    "collected_by" TEXT NOT NULL,
    "recorded_by_id" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_testimonies_action_periods_period_id" FOREIGN KEY ("period_id") REFERENCES "action_periods" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_testimonies_evaluated_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "evaluated_actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_testimonies_structures_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structures" ("id") ON DELETE CASCADE
);

CREATE TABLE "indicators" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_indicators" PRIMARY KEY AUTOINCREMENT,
    "criterion_id" INTEGER NOT NULL,
    "series_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "value_type" INTEGER NOT NULL,
    "unit" TEXT NULL,
    "aggregation" INTEGER NOT NULL,
    "scale_labels" TEXT NULL,
    "tool" INTEGER NOT NULL,
    "template_indicator_id" INTEGER NULL,
    "mapping" INTEGER NOT NULL,
    "factor" TEXT NULL,
    "retired_at" INTEGER NULL,
    CONSTRAINT "fk_indicators_framework_criteria_criterion_id" FOREIGN KEY ("criterion_id") REFERENCES "framework_criteria" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_indicators_indicators_template_indicator_id" FOREIGN KEY ("template_indicator_id") REFERENCES "indicators" ("id") ON DELETE SET NULL
);

CREATE TABLE "self_assessment_ratings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_self_assessment_ratings" PRIMARY KEY AUTOINCREMENT,
    "self_assessment_id" INTEGER NOT NULL,
    "criterion_id" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NULL,
    CONSTRAINT "fk_self_assessment_ratings_framework_criteria_criterion_id" FOREIGN KEY ("criterion_id") REFERENCES "framework_criteria" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_self_assessment_ratings_self_assessments_self_assessment_id" FOREIGN KEY ("self_assessment_id") REFERENCES "self_assessments" ("id") ON DELETE CASCADE
);

CREATE TABLE "testimony_codings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_testimony_codings" PRIMARY KEY AUTOINCREMENT,
    "testimony_id" INTEGER NOT NULL,
    "criterion_id" INTEGER NOT NULL,
    "polarity" INTEGER NOT NULL,
    "excerpt" TEXT NULL,
    CONSTRAINT "fk_testimony_codings_framework_criteria_criterion_id" FOREIGN KEY ("criterion_id") REFERENCES "framework_criteria" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_testimony_codings_testimonies_testimony_id" FOREIGN KEY ("testimony_id") REFERENCES "testimonies" ("id") ON DELETE CASCADE
);

CREATE TABLE "observations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_observations" PRIMARY KEY AUTOINCREMENT,
    "period_id" INTEGER NOT NULL,
    "indicator_id" INTEGER NOT NULL,
    "value" TEXT NULL,
    "sample_size" INTEGER NULL,
    "scale_counts" TEXT NULL,
    "text" TEXT NULL,
    "collected_on" TEXT NOT NULL,
    "collected_by" TEXT NOT NULL,
    "recorded_by_id" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_observations_action_periods_period_id" FOREIGN KEY ("period_id") REFERENCES "action_periods" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_observations_indicators_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "indicators" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_action_periods_action_id_starts_on" ON "action_periods" ("action_id", "starts_on");

CREATE INDEX "ix_action_periods_status_ends_on" ON "action_periods" ("status", "ends_on");

CREATE INDEX "ix_evaluated_action_services_service_id" ON "evaluated_action_services" ("service_id");

CREATE INDEX "ix_evaluated_actions_framework_id" ON "evaluated_actions" ("framework_id");

CREATE INDEX "ix_evaluated_actions_structure_id" ON "evaluated_actions" ("structure_id");

CREATE INDEX "ix_framework_criteria_dimension_id" ON "framework_criteria" ("dimension_id");

CREATE INDEX "ix_framework_criteria_template_criterion_id" ON "framework_criteria" ("template_criterion_id");

CREATE INDEX "ix_framework_dimensions_framework_id" ON "framework_dimensions" ("framework_id");

CREATE INDEX "ix_frameworks_structure_id" ON "frameworks" ("structure_id");

CREATE INDEX "ix_frameworks_template_id" ON "frameworks" ("template_id");

CREATE INDEX "ix_indicators_criterion_id" ON "indicators" ("criterion_id");

CREATE INDEX "ix_indicators_series_key" ON "indicators" ("series_key");

CREATE INDEX "ix_indicators_template_indicator_id" ON "indicators" ("template_indicator_id");

CREATE INDEX "ix_observations_indicator_id" ON "observations" ("indicator_id");

CREATE INDEX "ix_observations_period_id_indicator_id" ON "observations" ("period_id", "indicator_id");

CREATE INDEX "ix_self_assessment_ratings_criterion_id" ON "self_assessment_ratings" ("criterion_id");

CREATE INDEX "ix_self_assessment_ratings_self_assessment_id" ON "self_assessment_ratings" ("self_assessment_id");

CREATE INDEX "ix_self_assessments_period_id" ON "self_assessments" ("period_id");

CREATE UNIQUE INDEX "ix_territory_results_year" ON "territory_results" ("year");

CREATE INDEX "ix_testimonies_action_id" ON "testimonies" ("action_id");

CREATE INDEX "ix_testimonies_period_id" ON "testimonies" ("period_id");

CREATE INDEX "ix_testimonies_retain_until" ON "testimonies" ("retain_until");

CREATE INDEX "ix_testimonies_structure_id_action_id" ON "testimonies" ("structure_id", "action_id");

CREATE INDEX "ix_testimony_codings_criterion_id" ON "testimony_codings" ("criterion_id");

CREATE INDEX "ix_testimony_codings_testimony_id" ON "testimony_codings" ("testimony_id");

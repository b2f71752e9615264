-- 0031: the version of the public data, one row that every structure write adds one to inside its transaction and
-- every instance reads each second, to drop its caches (search results, notices) when another instance wrote. SQLite.

CREATE TABLE "guide_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_guide_changes" PRIMARY KEY,
    "version" INTEGER NOT NULL
);

INSERT INTO "guide_changes" ("id", "version") VALUES (1, 0);

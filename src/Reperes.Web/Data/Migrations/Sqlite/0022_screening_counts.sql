-- 0022: anonymous counts of "Le numérique et moi" (answers and helps per local day, for those who agreed); nothing
-- about a person. SQLite.

CREATE TABLE "screening_counts" (
    "day" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    CONSTRAINT "pk_screening_counts" PRIMARY KEY ("day", "question", "answer")
);

-- 0022: anonymous counts of "Le numérique et moi" (answers and helps per local day, for those who agreed); nothing
-- about a person. PostgreSQL.

CREATE TABLE screening_counts (
    day date NOT NULL,
    question character varying(40) NOT NULL,
    answer character varying(40) NOT NULL,
    total integer NOT NULL,
    CONSTRAINT pk_screening_counts PRIMARY KEY (day, question, answer)
);

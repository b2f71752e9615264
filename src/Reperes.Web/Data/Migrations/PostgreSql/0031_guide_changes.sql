-- 0031: the version of the public data, one row that every structure write adds one to inside its transaction and
-- every instance reads each second, to drop its caches (search results, notices) when another instance wrote.
-- PostgreSQL.

CREATE TABLE guide_changes (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_guide_changes PRIMARY KEY (id)
);

INSERT INTO guide_changes (id, version) VALUES (1, 0);

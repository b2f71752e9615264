-- 0030: the version of what the coordination's pages and the HSDS lists hold in memory: one row that triggers add one
-- to at every change of the tables they read (inside the writer's transaction, so seen once committed), whatever
-- writes (the single write path, an import, a script). A page reads it (one tiny read) and rebuilds what it keeps
-- only when it moved. PostgreSQL.

CREATE TABLE coordination_changes (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_coordination_changes PRIMARY KEY (id)
);

INSERT INTO coordination_changes (id, version) VALUES (1, 0);

CREATE FUNCTION coordination_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coordination_changes SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER coordination_changes_structures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON structures
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

CREATE TRIGGER coordination_changes_services AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

CREATE TRIGGER coordination_changes_memberships AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

CREATE TRIGGER coordination_changes_sheet_reports AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sheet_reports
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

CREATE TRIGGER coordination_changes_verifications AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON verifications
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

CREATE TRIGGER coordination_changes_sheet_revisions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sheet_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION coordination_changes_count();

-- An account locked or unlocked changes the teams' active members; its other columns move at every sign-in.
CREATE TRIGGER coordination_changes_users_lockout AFTER UPDATE OF lockout_end ON users
    FOR EACH ROW WHEN (old.lockout_end IS DISTINCT FROM new.lockout_end) EXECUTE FUNCTION coordination_changes_count();

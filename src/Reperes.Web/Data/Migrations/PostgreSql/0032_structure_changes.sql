-- 0032: the log of changed structures, for the search's read model of every instance: triggers write one entry per
-- structure whose row or services change (inside the writer's transaction, so seen once committed), whoever writes
-- (the single write path, an import, a script, another instance). An entry numbered earlier may commit after a later
-- one: readers read a window before the last entry they saw. PostgreSQL.

CREATE TABLE structure_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    structure_id integer NOT NULL,
    CONSTRAINT pk_structure_changes PRIMARY KEY (seq)
);

CREATE FUNCTION structure_changes_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'structures' THEN
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO structure_changes (structure_id) VALUES (NEW.id);
        END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
            INSERT INTO structure_changes (structure_id) VALUES (OLD.id);
        END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO structure_changes (structure_id) VALUES (NEW.structure_id);
        END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.structure_id <> NEW.structure_id) THEN
            INSERT INTO structure_changes (structure_id) VALUES (OLD.structure_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER structure_changes_structures AFTER INSERT OR UPDATE OR DELETE ON structures
    FOR EACH ROW EXECUTE FUNCTION structure_changes_log();

CREATE TRIGGER structure_changes_services AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION structure_changes_log();

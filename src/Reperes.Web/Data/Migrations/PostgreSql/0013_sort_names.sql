-- 0013: the structures' names in French alphabetical order. PostgreSQL.
-- "sort_name" is the name lower-cased, without accents, ligatures spelled out, punctuation as single spaces
-- (FrenchOrder.Key): lists order on it, so that "Épicerie…" comes before "Violences…" on both engines whatever
-- their collation. The application writes it with the name; existing rows get it here, accents of French and of
-- the neighbouring languages and the usual punctuation removed the same way.

ALTER TABLE structures ADD sort_name character varying(200) NOT NULL DEFAULT '';

UPDATE structures SET sort_name = substr(trim(replace(replace(replace(replace(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ã', 'a'), 'ä', 'a'), 'å', 'a'), 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a'), 'ç', 'c'), 'Ç', 'c'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'È', 'e'), 'É', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ñ', 'n'), 'Ñ', 'n'), 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'õ', 'o'), 'ö', 'o'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o'), 'Ö', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss'), '-', ' '), '–', ' '), '—', ' '), '''', ' '), '’', ' '), '‘', ' '), '(', ' '), ')', ' '), '[', ' '), ']', ' '), ',', ' '), '.', ' '), '/', ' '), '&', ' '), '"', ' '), '«', ' '), '»', ' '), ':', ' '), ';', ' '), '!', ' '), '?', ' '), '+', ' '), '*', ' '), '_', ' '), '#', ' '), '@', ' '), '°', ' '), '|', ' '), ' ', ' '), ' ', ' ')), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')), 1, 200);

ALTER TABLE structures ALTER COLUMN sort_name DROP DEFAULT;

DROP INDEX ix_structures_status_name;

CREATE INDEX ix_structures_status_sort_name ON structures (status, sort_name);

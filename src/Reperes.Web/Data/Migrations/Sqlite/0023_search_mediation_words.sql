-- 0023: the search index holds the digital services' help, accompaniment, equipment and programmes in words
-- ("imprimante", "France Services"): emptied here, filled again at the next start.
DELETE FROM "structure_search";

-- 0014: the search index tells apart a service open to everyone without any condition (o) from one with a stated
-- condition (r) and a specific public without a step (s): emptied here, filled again at the next start.
DELETE FROM "structure_search";

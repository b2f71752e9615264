-- 0011: the search index now holds whole words (no longer stems) and how openly each category is offered (o/r/n tokens):
-- emptied here, it is filled again at the next start (SearchIndex.EnsureBuiltAsync).
DELETE FROM "structure_search";

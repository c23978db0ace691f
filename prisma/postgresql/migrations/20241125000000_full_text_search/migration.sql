-- Full-text search for the q filter (lib/search/full-text.ts). Raw SQL only: an expression GIN
-- index, so Prisma sees no new column. Tokens are runs of letters and digits ('simple'
-- configuration: no stemming, no stop words); the query must use the very same expression.
CREATE INDEX "Event_searchText_fts_idx" ON "Event"
USING GIN (to_tsvector('simple'::regconfig, regexp_replace("searchText", '[^[:alnum:]]+', ' ', 'g')));

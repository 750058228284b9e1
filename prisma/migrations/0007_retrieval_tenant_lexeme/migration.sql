-- Retrieval within one tenant without reading the other tenants' postings (docs/decisions/017).
-- The stored search vector gains one lexeme naming the article's tenant ('keeltenant' + the tenant id's
-- letters and digits, weight D), and searches AND it into the query: the GIN index then intersects the
-- query's postings with that tenant's instead of collecting matches from every tenant and filtering them
-- afterwards. Row-level security and the explicit tenantId filter stay as they are.
DROP INDEX "KnowledgeArticle_search_idx";
ALTER TABLE "KnowledgeArticle" DROP COLUMN "search";
ALTER TABLE "KnowledgeArticle" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A')
  || setweight(to_tsvector('english'::regconfig, "body"), 'B')
  || setweight(to_tsvector('simple'::regconfig,
       'keeltenant' || regexp_replace(lower("tenantId"), '[^a-z0-9]', '', 'g')), 'D')
) STORED;
CREATE INDEX "KnowledgeArticle_search_idx" ON "KnowledgeArticle" USING GIN ("search");

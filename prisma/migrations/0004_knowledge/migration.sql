-- AlterTable
ALTER TABLE "KnowledgeArticle" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "customerId" TEXT;

-- CreateTable
CREATE TABLE "KnowledgeArticleVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "tier" "KnowledgeTier" NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgeArticleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeTierPolicy" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "tier" "KnowledgeTier" NOT NULL,
    "roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "retentionDays" INTEGER,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeTierPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CopilotTrace" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "ticketId" TEXT,
    "actorId" TEXT,
    "step" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "promptVersion" INTEGER NOT NULL,
    "policyVersion" INTEGER,
    "charterVersion" INTEGER,
    "model" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "retrieved" JSONB NOT NULL DEFAULT '[]',
    "toolCalls" JSONB NOT NULL DEFAULT '[]',
    "input" JSONB NOT NULL DEFAULT '{}',
    "output" JSONB NOT NULL DEFAULT '{}',
    "latencyMs" INTEGER NOT NULL,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "replayOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CopilotTrace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeArticleVersion_tenantId_articleId_idx" ON "KnowledgeArticleVersion"("tenantId", "articleId");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticleVersion_articleId_version_key" ON "KnowledgeArticleVersion"("articleId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeTierPolicy_tenantId_tier_key" ON "KnowledgeTierPolicy"("tenantId", "tier");

-- CreateIndex
CREATE INDEX "CopilotTrace_tenantId_ticketId_createdAt_idx" ON "CopilotTrace"("tenantId", "ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "CopilotTrace_tenantId_createdAt_idx" ON "CopilotTrace"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeArticle_tenantId_tier_idx" ON "KnowledgeArticle"("tenantId", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticle_id_tenantId_key" ON "KnowledgeArticle"("id", "tenantId");

-- AddForeignKey
ALTER TABLE "KnowledgeArticleVersion" ADD CONSTRAINT "KnowledgeArticleVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeArticleVersion" ADD CONSTRAINT "KnowledgeArticleVersion_articleId_tenantId_fkey" FOREIGN KEY ("articleId", "tenantId") REFERENCES "KnowledgeArticle"("id", "tenantId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeTierPolicy" ADD CONSTRAINT "KnowledgeTierPolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CopilotTrace" ADD CONSTRAINT "CopilotTrace_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Row-level security for the new tenant tables (see 0003_isolation) ---------------------------------
ALTER TABLE "KnowledgeArticleVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "KnowledgeArticleVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "KnowledgeArticleVersion" USING ("tenantId" = current_setting('app.tenant_id', true));
ALTER TABLE "KnowledgeTierPolicy" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "KnowledgeTierPolicy" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "KnowledgeTierPolicy" USING ("tenantId" = current_setting('app.tenant_id', true));
ALTER TABLE "CopilotTrace" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CopilotTrace" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CopilotTrace" USING ("tenantId" = current_setting('app.tenant_id', true));

-- ---- Full-text retrieval ----------------------------------------------------------------------------------
-- Articles are searched with PostgreSQL full-text search over a stored vector (title weighted above body),
-- kept up to date by PostgreSQL itself and indexed with GIN (services/knowledge.ts).
ALTER TABLE "KnowledgeArticle" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, "body"), 'B')
) STORED;
CREATE INDEX "KnowledgeArticle_search_idx" ON "KnowledgeArticle" USING GIN ("search");

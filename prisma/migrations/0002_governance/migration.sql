-- CreateEnum
CREATE TYPE "RolloutMode" AS ENUM ('assistive', 'controlled', 'scale');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('pending', 'processed', 'delivered', 'cancelled', 'refunded');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('policy', 'charter');

-- CreateEnum
CREATE TYPE "PolicyStatus" AS ENUM ('draft', 'published', 'archived');

-- CreateEnum
CREATE TYPE "ActionRequestStatus" AS ENUM ('pending_approval', 'approved', 'rejected', 'expired', 'void', 'executing', 'executed', 'failed', 'denied');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('open', 'taken', 'resolved');

-- AlterTable
-- Edited by hand: events written before the chain existed are numbered in time order and marked
-- "pre-chain" (the verify command reports them as not verifiable) and the chain starts after them.
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

UPDATE "AuditEvent" e SET "seq" = n.rn, "prevHash" = 'pre-chain', "hash" = 'pre-chain'
FROM (SELECT "id", row_number() OVER (PARTITION BY "tenantId" ORDER BY "createdAt", "id") AS rn FROM "AuditEvent") n
WHERE e."id" = n."id";

ALTER TABLE "AuditEvent" ALTER COLUMN "hash" SET NOT NULL,
ALTER COLUMN "prevHash" SET NOT NULL,
ALTER COLUMN "seq" SET NOT NULL;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "queue" TEXT NOT NULL DEFAULT 'general';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "identityVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "verificationRequestedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "escalationThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.6,
ADD COLUMN     "rolloutMode" "RolloutMode" NOT NULL DEFAULT 'assistive';

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "tenantId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'processed',
    "totalMinor" INTEGER NOT NULL,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerEmail" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "passwordResetSentAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefundLedgerEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "actionRequestId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RefundLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermissionMatrixVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "matrix" JSONB NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermissionMatrixVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyDocument" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PolicyStatus" NOT NULL DEFAULT 'draft',
    "source" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "PolicyDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "paramsHash" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetVersion" INTEGER,
    "ticketId" TEXT,
    "requestedById" TEXT NOT NULL,
    "status" "ActionRequestStatus" NOT NULL,
    "decision" JSONB NOT NULL,
    "approvalsRequired" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "executedAt" TIMESTAMP(3),

    CONSTRAINT "ActionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "actionRequestId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "bundle" JSONB NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "takenById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenAt" TIMESTAMP(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Order_id_tenantId_key" ON "Order"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_tenantId_number_key" ON "Order"("tenantId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerAccount_id_tenantId_key" ON "CustomerAccount"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "RefundLedgerEntry_actionRequestId_key" ON "RefundLedgerEntry"("actionRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionMatrixVersion_tenantId_version_key" ON "PermissionMatrixVersion"("tenantId", "version");

-- CreateIndex
CREATE INDEX "PolicyDocument_tenantId_kind_status_idx" ON "PolicyDocument"("tenantId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyDocument_tenantId_kind_version_key" ON "PolicyDocument"("tenantId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ActionRequest_idempotencyKey_key" ON "ActionRequest"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_status_createdAt_idx" ON "ActionRequest"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ActionRequest_tenantId_ticketId_idx" ON "ActionRequest"("tenantId", "ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionRequest_id_tenantId_key" ON "ActionRequest"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_actionRequestId_approverId_key" ON "Approval"("actionRequestId", "approverId");

-- CreateIndex
CREATE INDEX "Escalation_tenantId_status_createdAt_idx" ON "Escalation"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Escalation_tenantId_ticketId_idx" ON "Escalation"("tenantId", "ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_tenantId_seq_key" ON "AuditEvent"("tenantId", "seq");

-- AddForeignKey
ALTER TABLE "AuditChainHead" ADD CONSTRAINT "AuditChainHead_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_tenantId_fkey" FOREIGN KEY ("customerId", "tenantId") REFERENCES "Customer"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerAccount" ADD CONSTRAINT "CustomerAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerAccount" ADD CONSTRAINT "CustomerAccount_customerId_tenantId_fkey" FOREIGN KEY ("customerId", "tenantId") REFERENCES "Customer"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefundLedgerEntry" ADD CONSTRAINT "RefundLedgerEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefundLedgerEntry" ADD CONSTRAINT "RefundLedgerEntry_orderId_tenantId_fkey" FOREIGN KEY ("orderId", "tenantId") REFERENCES "Order"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionMatrixVersion" ADD CONSTRAINT "PermissionMatrixVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyDocument" ADD CONSTRAINT "PolicyDocument_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionRequest" ADD CONSTRAINT "ActionRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_actionRequestId_tenantId_fkey" FOREIGN KEY ("actionRequestId", "tenantId") REFERENCES "ActionRequest"("id", "tenantId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Edited by hand: every existing tenant gets a chain head after its pre-chain events.
INSERT INTO "AuditChainHead" ("tenantId", "seq", "hash")
SELECT t."id", COALESCE((SELECT max(e."seq") FROM "AuditEvent" e WHERE e."tenantId" = t."id"), 0), 'genesis'
FROM "Tenant" t
ON CONFLICT ("tenantId") DO NOTHING;

-- CreateEnum
CREATE TYPE "tiktok_connection_kind" AS ENUM ('creator', 'business', 'advertiser');

-- CreateEnum
CREATE TYPE "tiktok_connection_status" AS ENUM ('active', 'needs_reauth');

-- CreateTable
CREATE TABLE "tiktok_connections" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "kind" "tiktok_connection_kind" NOT NULL,
    "external_id" TEXT NOT NULL,
    "handle" TEXT,
    "display_name" TEXT,
    "advertiser_ids" TEXT[],
    "scopes" TEXT[],
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_expires_at" TIMESTAMPTZ(3),
    "refresh_expires_at" TIMESTAMPTZ(3),
    "status" "tiktok_connection_status" NOT NULL DEFAULT 'active',
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tiktok_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tiktok_oauth_states" (
    "state" TEXT NOT NULL,
    "workspace_id" UUID NOT NULL,
    "kind" "tiktok_connection_kind" NOT NULL,
    "code_verifier" TEXT,
    "session_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tiktok_oauth_states_pkey" PRIMARY KEY ("state")
);

-- CreateIndex
CREATE UNIQUE INDEX "tiktok_connections_workspace_id_kind_external_id_key" ON "tiktok_connections"("workspace_id", "kind", "external_id");

-- CreateIndex
CREATE INDEX "tiktok_connections_workspace_id_handle_idx" ON "tiktok_connections"("workspace_id", "handle");

-- CreateIndex
CREATE INDEX "tiktok_oauth_states_expires_at_idx" ON "tiktok_oauth_states"("expires_at");

-- AddForeignKey
ALTER TABLE "tiktok_connections" ADD CONSTRAINT "tiktok_connections_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tiktok_oauth_states" ADD CONSTRAINT "tiktok_oauth_states_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

// Prisma CLI configuration for PostgreSQL (production). JavaScript engine + node-postgres adapter.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPostgresPool } from "../app/db/postgres-pool";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "postgresql", "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "postgresql", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL must name the PostgreSQL database to migrate");
    return new PrismaPg(createPostgresPool(url, 2));
  },
});

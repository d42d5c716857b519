import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type { PrismaClient } from "./generated/prisma/client.ts";
export { Prisma } from "./generated/prisma/client.ts";

/** A Prisma client over node-postgres; `max` bounds this process's connections. */
export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: options.max ?? 10 }) });
}

/** What a Prisma interactive transaction hands its callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// What vitest.global-setup.ts hands to test files (vitest's provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the PostgreSQL server test databases are created on. */
    testDatabaseAdminUrl: string;
  }
}

export {};

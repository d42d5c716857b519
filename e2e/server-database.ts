/**
 * The embedded PostgreSQL of the server under test listens on this port, so that a test can write
 * what only a database holds (rows of an older release). The password is the embedded server's own.
 */
export const EMBEDDED_PG_PORT = Number(process.env.E2E_EMBEDDED_PG_PORT ?? 3102);
export const EMBEDDED_DATABASE_URL = `postgresql://postgres:tiktok-army@127.0.0.1:${EMBEDDED_PG_PORT}/tiktok_army`;

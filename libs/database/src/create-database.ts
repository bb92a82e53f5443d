import { Client } from 'pg';

/** A client on the server's `postgres` database, and the (quoted) name of the database in `databaseUrl`. */
async function connectToServer(databaseUrl: string): Promise<{ client: Client; name: string; quoted: string }> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return { client, name, quoted: `"${name.replace(/"/g, '""')}"` };
}

/** Creates the database named in `databaseUrl` when missing. Returns true if created. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const { client, name, quoted } = await connectToServer(databaseUrl);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${quoted} ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops and recreates a database: for test and benchmark runs only. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const { client, quoted } = await connectToServer(databaseUrl);
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

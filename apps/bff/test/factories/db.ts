import { Client } from 'pg';
import { TEST_ENV } from '../support/test-state';

/** A pg client on the test database; close it with `end()`. */
export async function testDb(): Promise<Client> {
  const url = process.env[TEST_ENV.databaseUrl];
  if (!url) throw new Error('Integration tests need the global setup');
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

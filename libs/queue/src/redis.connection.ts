import IORedis from 'ioredis';

/** QUIT lets replies in flight arrive; a connection that is not up would only queue it and retry forever. */
export async function releaseConnection(connection: IORedis): Promise<void> {
  if (connection.status === 'ready') await connection.quit();
  else connection.disconnect();
}

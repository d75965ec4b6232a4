import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/**
 * Saves a workflow's event history as JSON, for the replay tests under
 * test/histories/:  node dist/infra/record-history.js <workflowId> <file.json>
 * (TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE say where from).
 */
async function main(): Promise<void> {
  const [workflowId, file] = process.argv.slice(2);
  if (!workflowId || !file) throw new Error('usage: record-history <workflowId> <file.json>');
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is required but not set');
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(file, historyToJSON(history));
    console.log(`${history.events?.length ?? 0} events of ${workflowId} written to ${file}`);
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

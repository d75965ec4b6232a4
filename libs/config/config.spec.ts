import { ConfigError, loadConfig } from './config';

const valid = { DATABASE_URL: 'postgresql://u@db.example:5432/decisions', TEMPORAL_ADDRESS: 'temporal.example:7233' };

describe('loadConfig', () => {
  it('reads a valid environment and fills defaults', () => {
    expect(loadConfig(valid)).toEqual({
      databaseUrl: valid.DATABASE_URL,
      temporalAddress: valid.TEMPORAL_ADDRESS,
      temporalNamespace: 'default',
      taskQueue: 'major-decisions',
      apiPort: 3000,
      apiHost: '127.0.0.1',
      workflowBundlePath: undefined,
      sealKeyFile: undefined,
      checkpointIntervalSeconds: 60,
      maxDocumentBytes: 104857600,
    });
  });

  it('names every missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'DATABASE_URL is required but not set',
        'TEMPORAL_ADDRESS is required but not set',
      ]);
    }
  });

  it('names bad values with what they should be', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://x', API_PORT: '70000', TEMPORAL_ADDRESS: 'nohost' })).toThrow(
      /DATABASE_URL="mysql:\/\/x": must be a postgresql:\/\/ connection URL[\s\S]*TEMPORAL_ADDRESS="nohost": must be host:port[\s\S]*API_PORT="70000": must be a port number/,
    );
  });

  it('takes the document size limit from the environment, a whole number of bytes', () => {
    expect(loadConfig({ ...valid, MAX_DOCUMENT_BYTES: '1048576' }).maxDocumentBytes).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '100MB', '2147483648']) {
      expect(() => loadConfig({ ...valid, MAX_DOCUMENT_BYTES: bad })).toThrow(/MAX_DOCUMENT_BYTES=".*": must be a whole number of bytes, from 1 to 2147483647/);
    }
  });

  it('takes namespace, task queue and port from the environment', () => {
    const c = loadConfig({ ...valid, TEMPORAL_NAMESPACE: 'gov-sz', TEMPORAL_TASK_QUEUE: 'q1', API_PORT: '8080' });
    expect([c.temporalNamespace, c.taskQueue, c.apiPort]).toEqual(['gov-sz', 'q1', 8080]);
  });
});

import { DEFAULT_TASK_QUEUE } from '../domain';

/** Everything the processes read from the environment, validated once at boot. */
export interface AppConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  apiPort: number;
  apiHost: string;
  /** A prebuilt workflow bundle (production); without it the worker bundles from source. */
  workflowBundlePath?: string;
  /** The system's seal key file (worker only). */
  sealKeyFile?: string;
  /** How often the worker signs a checkpoint of the global log, when it has grown. */
  checkpointIntervalSeconds: number;
  /** The largest document POST /documents takes, in bytes; past it the upload is refused with 413. */
  maxDocumentBytes: number;
}

/** 100 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks the configuration; the error names every missing or bad variable. */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const required = (name: string, check?: (v: string) => string | undefined): string => {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is required but not set`);
      return '';
    }
    const bad = check?.(value);
    if (bad) problems.push(`${name}=${JSON.stringify(value)}: ${bad}`);
    return value;
  };
  const optional = (name: string, fallback: string, check?: (v: string) => string | undefined): string => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const bad = check?.(value);
    if (bad) problems.push(`${name}=${JSON.stringify(value)}: ${bad}`);
    return value;
  };

  const databaseUrl = required('DATABASE_URL', (v) =>
    /^postgres(ql)?:\/\//.test(v) ? undefined : 'must be a postgresql:// connection URL',
  );
  const temporalAddress = required('TEMPORAL_ADDRESS', (v) =>
    /^[^\s:/]+:\d{1,5}$/.test(v) ? undefined : 'must be host:port, e.g. 127.0.0.1:7233',
  );
  const temporalNamespace = optional('TEMPORAL_NAMESPACE', 'default');
  const taskQueue = optional('TEMPORAL_TASK_QUEUE', DEFAULT_TASK_QUEUE);
  const apiPort = Number(optional('API_PORT', '3000', portCheck));
  const apiHost = optional('API_HOST', '127.0.0.1');
  const workflowBundlePath = env.WORKFLOW_BUNDLE_PATH?.trim() || undefined;
  const sealKeyFile = env.SEAL_KEY_FILE?.trim() || undefined;
  const checkpointIntervalSeconds = Number(
    optional('CHECKPOINT_INTERVAL_SECONDS', '60', (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 ? undefined : 'must be a whole number of seconds, at least 1')),
  );
  const maxDocumentBytes = Number(
    // At most 2^31 - 1: documents.size is a PostgreSQL integer.
    optional('MAX_DOCUMENT_BYTES', String(DEFAULT_MAX_DOCUMENT_BYTES), (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 2147483647 ? undefined : 'must be a whole number of bytes, from 1 to 2147483647')),
  );

  if (problems.length) throw new ConfigError(problems);
  return { databaseUrl, temporalAddress, temporalNamespace, taskQueue, apiPort, apiHost, workflowBundlePath, sealKeyFile, checkpointIntervalSeconds, maxDocumentBytes };
}

function portCheck(v: string): string | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? undefined : 'must be a port number (1-65535)';
}

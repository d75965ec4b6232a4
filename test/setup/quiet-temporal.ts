import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log only what matters.
Runtime.install({ logger: new DefaultLogger('WARN') });

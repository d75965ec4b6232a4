// The sandbox-safe domain: plain deterministic TypeScript shared by the API,
// the workflows, the activities and the web application. No Nest, Prisma or
// Node built-ins here.
export * from './registration';
export * from './input';
export * from './errors';
export * from './ports';
export * from './task-queues';
export * from './procedure';
export * from './authority';
export * from './api';

export * from './organisations';
export * from './appointments';
export * from './offices';
export * from './disqualifications';

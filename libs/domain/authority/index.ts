export * from './organisations';
export * from './appointments';
export * from './offices';
export * from './disqualifications';
export * from './expert-pool';
export * from './expert-neutrality';

export * from './organisations';
export * from './appointments';
export * from './offices';

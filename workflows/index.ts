// Every workflow the decision worker runs; the bundler starts from here.
export * from './major-decision.workflow';
export * from './record-head.workflow';

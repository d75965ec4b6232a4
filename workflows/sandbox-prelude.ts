/**
 * Runs once in the workflow sandbox, before its globals are frozen (a bundler `preloadModules` entry: see
 * `WORKFLOW_BUNDLE_OPTIONS` in apps/worker/src/workflow-source.ts), never per decision.
 *
 * Errors made in workflow code carry no stack. The Temporal SDK takes a stack trace, mapped through the bundle's
 * source map, of every promise a workflow makes (for its `__stack_trace` query); profiled, that was a third of the
 * workflow thread's CPU, about half of each workflow task. With no frames to map it costs next to nothing. Our refusals
 * say what and which article without one; a stack for a workflow's error is had by replaying its history with a bundle
 * made without this module.
 */
Error.stackTraceLimit = 0;

export {};

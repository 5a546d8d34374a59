/**
 * Workflow code captures no stack frames (issue 11). The SDK records a stack for every promise a workflow creates
 * (for the `__stack_trace` query): with V8's default of 10 frames, each mapped through the bundle's source map, that
 * was a fifth of the workflow thread's time — ≈ 3 ms of worker CPU per act, 6 ms per start and 70 ms (−38 %) per
 * bloc-year replayed after a worker restart (README, Scaling). Errors keep their message; the stacks of workflow
 * errors and the stack-trace query are empty. Preloaded into the shared context before the SDK freezes its globals
 * (worker/bundle.ts), unless the bundle is built with WORKFLOW_STACK_TRACES=full (to debug a workflow).
 */
Error.stackTraceLimit = 0;

export {};

/** Prints measured figures from tests (the domain package compiles without DOM or Node typings). */
export function report(...values: unknown[]): void {
  (globalThis as unknown as { console: { log(...v: unknown[]): void } }).console.log(...values);
}

/** A monotonic clock for timing tests (milliseconds). */
export function now(): number {
  return (globalThis as unknown as { performance: { now(): number } }).performance.now();
}

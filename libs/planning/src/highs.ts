/**
 * HiGHS compiled to WebAssembly, loaded once per process and reused: loading compiles the Wasm module
 * (tens of milliseconds). Solving is synchronous; each solve gets its own native model, disposed at
 * once (see runHighs). The first solves of a process run slower while V8 tiers the Wasm code up.
 */
import highsLoader from 'highs';

export type Highs = Awaited<ReturnType<typeof highsLoader>>;

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

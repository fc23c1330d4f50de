/** Worker threads that run TypeScript: tsx's --import hook is not inherited by workers on Node 20. */
import { Worker, type WorkerOptions } from "node:worker_threads";

/** Start a worker on a .ts module, registering tsx inside the worker before the module loads. */
export function tsWorker(module: URL, options: WorkerOptions = {}): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

// Entry of an expansion worker thread. The server's modules are TypeScript run through tsx, and
// loader hooks are not inherited by worker threads: the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./expansion.worker.ts');

/**
 * `npm run bench`: every benchmark, printed as Markdown tables. Not a test:
 * figures depend on the machine, so nothing here fails a build.
 */
import { runIngestBench } from './ingest.js';
import { runStoreBench } from './store.js';

console.log(`# feedfold benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await runIngestBench();
await runStoreBench();

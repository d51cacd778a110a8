/**
 * `npm run bench`: every benchmark, printed as Markdown tables. Not a test:
 * figures depend on the machine, so nothing here fails a build. One section
 * alone: `npm run bench -- ingest|store|dedup|http`.
 */
import { runDedupBench } from './dedup.js';
import { runHttpBench } from './http.js';
import { runIngestBench } from './ingest.js';
import { runStoreBench } from './store.js';

const sections: Record<string, () => Promise<void>> = {
  ingest: runIngestBench,
  store: runStoreBench,
  dedup: runDedupBench,
  http: runHttpBench,
};
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in sections)) throw new Error(`unknown bench section "${name}"; choose from ${Object.keys(sections).join(', ')}`);
}

console.log(`# feedfold benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}

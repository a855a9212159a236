// Every browser scenario, in one browser: the seats pages, then adding people to free seats.
//
//   node tests/browser/all.mjs SEED.json     (SEED.json: what browser_seed.php printed)
import { run } from './harness.mjs';
import './seats.mjs';
import './additions.mjs';

await run();

import { openDatabase } from '../src/db/open-database.js';
import { activitiesContract } from './contract/activities-contract.js';
import { messagesContract } from './contract/messages-contract.js';
import { sessionsContract } from './contract/sessions-contract.js';
import { tracingContract } from './contract/tracing-contract.js';
import type { DatabaseTarget } from './support/api-target.js';
import { registerInMemoryTracing } from './support/in-memory-tracing.js';

const tracing = registerInMemoryTracing();

/** Each suite gets its own in-memory PGlite, migrated and seeded like a fresh install. */
const pglite: DatabaseTarget = {
  name: 'pglite',
  open: () => openDatabase({ kind: 'pglite' }),
};

activitiesContract(pglite);
sessionsContract(pglite);
messagesContract(pglite);
tracingContract(pglite, tracing);

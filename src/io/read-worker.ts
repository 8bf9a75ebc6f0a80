import { serveReads } from './reader-service.js';

/** A reader process started from its script (see reader-snapshot.ts for the faster start). */
serveReads();

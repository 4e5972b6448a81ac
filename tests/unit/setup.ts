// zod configured (jitless) before any schema exists, as in the app: see src/lib/shared/zod.ts.
import '../../src/lib/shared/zod';
// IndexedDB for code that stores assessments (Node has none): an in-memory implementation of the
// same API, so the store's real code runs in unit tests.
import 'fake-indexeddb/auto';

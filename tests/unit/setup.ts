// IndexedDB for code that stores assessments (Node has none): an in-memory implementation of the
// same API, so the store's real code runs in unit tests.
import 'fake-indexeddb/auto';

// zod configured (jitless) before any schema exists, as in the app: see src/lib/shared/zod.ts.
import '../../src/lib/shared/zod';
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

#!/usr/bin/env bash
# Every check the project promises, in order; stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$1"; }

step 'System packages (chromium, firefox-esr, nsd, dnsdist, poppler-utils)'
bash scripts/ensure-system-deps.sh

step 'Formatting and lint (prettier, eslint)'
npm run lint

step 'Type checks (svelte-check, domain layer without the DOM)'
npm run check

step 'Unit and component tests (vitest)'
npx vitest run --project unit --project component

step 'Production build'
npm run build

step 'First-load size budget'
npm run size

step 'End-to-end tests (Chromium and Firefox ESR, loopback DNS-over-HTTPS)'
npx vitest run --project e2e

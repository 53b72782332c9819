#!/usr/bin/env node
// Entry of the `polyphony` command. TypeScript sources run through tsx's loader,
// so `npm install && npm start` needs no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

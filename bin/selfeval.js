#!/usr/bin/env node
// dist/bundle is tsc's output joined by esbuild (see esbuild.config.mjs): it starts faster.
import { run } from '../dist/bundle/cli.js';
run();

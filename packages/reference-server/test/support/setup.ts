import { afterEach, expect } from 'vitest';
import { takeViolations } from './contractCheck.js';

// Every HTTP response a test saw through the SDK must match the spec.
afterEach(() => {
  expect(takeViolations()).toEqual([]);
});

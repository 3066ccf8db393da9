import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';

// A model under test must route warnings through onWarning; anything reaching console.warn is a
// leak (a warning nobody asserted on). Tests that check the console.warn fallback install their
// own spy, which replaces this one for that test.
let spy: MockInstance<(...args: unknown[]) => void>;

beforeEach(() => {
  spy = vi.spyOn(console, 'warn');
});

afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  expect(calls.map((c) => String(c[0])), 'unexpected console.warn').toEqual([]);
});

import { describe, expect, it } from 'vitest';
import type { PackPlan } from '../../src/model/pack-plan.js';
import { startsFrom } from '../../src/print/pack-printer.js';

// Only the entries' ids and order matter to where they start.
const plan = { entries: [{ id: 'item-1-1' }, { id: 'item-2-notice' }, { id: 'item-3-1' }] } as unknown as PackPlan;

describe('where each pack entry starts, from page counts printed on their own', () => {
  it('starts the first entry after the front sheet and each next one after the one before', () => {
    const { starts, pageCount } = startsFrom(plan, { frontSheet: 2, entries: new Map([['item-1-1', 5], ['item-2-notice', 1], ['item-3-1', 3]]) });
    expect([...starts]).toEqual([['item-1-1', 3], ['item-2-notice', 8], ['item-3-1', 9]]);
    expect(pageCount).toBe(11);
  });
});

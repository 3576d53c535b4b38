import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/validate/did-you-mean.js';

describe('did you mean', () => {
  it.each([
    ['Ambre', ['Red', 'Amber', 'Green', 'Blue'], 'Amber'],
    ['Gren', ['Red', 'Amber', 'Green', 'Blue'], 'Green'],
    ['venu', ['date', 'time', 'venue'], 'venue'],
    ['young-persn', ['elected', 'co-opted', 'officer', 'young-person'], 'young-person'],
    ['barbra-bath', ['ian-brown', 'barbara-bath'], 'barbara-bath'],
    ['Purple', ['Red', 'Amber', 'Green', 'Blue'], undefined],
    ['x', ['date', 'time'], undefined],
  ] as const)('%s → %s', (word, candidates, expected) => expect(didYouMean(word, candidates)).toBe(expected));

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ambre', 'amber')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

// The matching form folds exactly the code units foldChar changes (its class of foldable units is
// built from a short list of candidates, not from all 65,536).
import { describe, expect, it } from 'vitest';
import { foldChar, matchForm } from '../src/text/match-form.js';

describe('matchForm', () => {
  it('is foldChar applied to every code unit of the BMP', () => {
    const units = Array.from({ length: 0x10000 }, (_, c) => c);
    const folded = matchForm(String.fromCharCode(...units.slice(0, 0x8000)) + String.fromCharCode(...units.slice(0x8000)));
    const wrong = units.filter((c) => folded.charCodeAt(c) !== foldChar(c));
    expect(wrong).toEqual([]);
  });
});

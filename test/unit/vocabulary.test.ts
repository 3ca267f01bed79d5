import { describe, expect, it } from 'vitest';
import { FAIL_SOURCE, PASS_SOURCE, vocabularyRegExp } from '../../lambdas/core/discovery/vocabulary';

describe('vocabularyRegExp', () => {
  it('builds a RegExp that can judge one text after another: no state kept between uses', () => {
    // Prepare
    const pass = vocabularyRegExp(PASS_SOURCE);
    // Act
    const first = pass.test('Verbindung erfolgreich');
    const second = pass.test('Verbindung erfolgreich');
    // Assess
    expect([first, second]).toEqual([true, true]);
  });

  it('finds every word with the global flag, in any case, umlauts included', () => {
    // Act
    const found = [...'FEHLER: Verbindung UNTERBROCHEN, gestört'.matchAll(vocabularyRegExp(FAIL_SOURCE, true))].map((m) => m[0]);
    // Assess
    expect(found).toEqual(['FEHLER', 'UNTERBROCHEN', 'gestört']);
  });
});

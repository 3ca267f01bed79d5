import { describe, expect, it } from 'vitest';
import { judgeHints, judgeVerdict } from '../../lambdas/core/discovery/judge-verdict';

describe('judgeVerdict: negation first, German and English', () => {
  it.each([
    // German, the reference wording and its negated forms (issue #16)
    'Ihr Browser wird nicht unterstützt.',
    'WebSocket-Verbindung nicht erfolgreich',
    'WebSocket-Verbindung konnte nicht aufgebaut werden.',
    'HTTP-Verbindung nicht erfolgreich aufgebaut',
    'HTTP-Verbindung fehlgeschlagen',
    'Fehler',
    'Fehler – nicht zugelassen',
    'Webbrowser ✗ nicht unterstützt',
    'Verbindung zum Server nicht möglich',
    'Browser: nicht aktuell',
    'Unterstützt: nein',
    'Keine Verbindung aufgebaut',
    'Browser ungeeignet',
    'Browser inkompatibel',
    'Browser nicht kompatibel',
    // English
    'Browser not supported',
    'Your browser is unsupported',
    'WebSocket connection failed',
    'WebSocket connection not established',
    'HTTP connection could not be established',
    "The connection wasn't established",
    'No WebSocket connection established',
    'HTTP check: error 503',
    'Supported: no',
    'Browser check failed (unknown browser)',
    'No WebSocket connection possible',
    'erfolgreich. No WebSocket connection possible',
  ])('"%s" fails', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('fail');
  });

  it.each([
    'Ihr Browser wird unterstützt.',
    'WebSocket-Verbindung erfolgreich aufgebaut.',
    'HTTP-Verbindung erfolgreich aufgebaut.',
    'unterstützt',
    'erfolgreich',
    'OK',
    'Webbrowser ✓ unterstützt HeadlessChrome 147',
    'Browser supported (HeadlessChrome 147)',
    'WebSocket connection established',
    'HTTP: success',
    'Browser supported (no plugins needed)',
    'Kein Fehler, Verbindung erfolgreich',
    'Browser geeignet',
    'Webbrowser kompatibel',
  ])('"%s" passes', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('pass');
  });

  it.each([
    '',
    '   ',
    'wird geprüft …',
    'Checking browser…',
    'wird noch geprüft – bitte warten …',
    'Bitte warten',
    'Loading',
    'Verbindung wird aufgebaut',
    'Warte auf Antwort',
    'HTTP: wartet',
    'Waiting for the server',
  ])('"%s" is still pending', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('pending');
  });

  it.each(['Browser: Chrome 147', 'WebSocket', '✓', 'Keine Fehler gefunden', 'Status unbekannt'])(
    '"%s" is unclear, never a pass',
    (text) => {
      // Act
      const judged = judgeVerdict(text);
      // Assess
      expect(judged).toEqual({ outcome: 'unclear', reason: 'says neither pass nor fail' });
    },
  );

  it('names the deciding words', () => {
    // Act
    const negated = judgeVerdict('WebSocket-Verbindung nicht erfolgreich');
    const failed = judgeVerdict('HTTP connection failed');
    // Assess
    expect(negated.reason).toBe('"erfolgreich" is negated by "nicht"');
    expect(failed.reason).toBe('says "failed"');
  });
});

describe('judgeVerdict with a configured ok pattern', () => {
  it.each([
    ['erfolgreich', 'WebSocket-Verbindung nicht erfolgreich'],
    ['erfolgreich', 'HTTP-Verbindung konnte nicht erfolgreich aufgebaut werden'],
    ['unterstützt', 'Ihr Browser wird nicht unterstützt.'],
    ['wird unterstützt', 'Ihr Browser wird nicht unterstützt.'],
    ['supported', 'Browser not supported'],
    ['established', 'WebSocket connection not established'],
    ['aufgebaut', 'WebSocket-Verbindung konnte nicht aufgebaut werden.'],
    ['.', 'HTTP connection failed'],
    // Found by the fuzzer (test/fuzz/judge.test.ts): a negated built-in pass word the pattern does not cover
    ['erfolgreich', 'erfolgreich. Ihr Browser wird nicht unterstützt'],
    ['wird unterstützt', 'Ihr Browser wird unterstützt. WebSocket-Verbindung nicht erfolgreich'],
  ])('ok /%s/ does not pass the negated "%s"', (ok, text) => {
    // Act
    const judged = judgeVerdict(text, { ok });
    // Assess
    expect(judged.outcome).toBe('fail');
  });

  it('passes a text that matches ok without a negation near the match', () => {
    // Act
    const judged = judgeVerdict('HTTP-Verbindung erfolgreich aufgebaut.', { ok: 'erfolgreich' });
    // Assess
    expect(judged).toEqual({ outcome: 'pass', reason: 'says "erfolgreich"' });
  });

  it('passes a negated form when the pattern itself names it', () => {
    // Act
    const blocked = judgeVerdict('Port 443 nicht blockiert', { ok: 'nicht blockiert' });
    const noErrors = judgeVerdict('Keine Fehler gefunden', { ok: 'keine fehler' });
    // Assess
    expect(blocked.outcome).toBe('pass');
    expect(noErrors.outcome).toBe('pass');
  });

  it('fails a text the pattern does not match, saying so', () => {
    // Act
    const judged = judgeVerdict('HTTP-Verbindung erfolgreich aufgebaut.', { ok: 'HTTP/3 aktiv' });
    // Assess
    expect(judged).toEqual({ outcome: 'fail', reason: 'does not match the configured ok pattern /HTTP/3 aktiv/' });
  });

  it('uses a configured pending pattern instead of the built-in words', () => {
    // Act
    const custom = judgeVerdict('Status: warte auf Server', { pending: 'warte auf' });
    const builtInIgnored = judgeVerdict('Bitte warten', { pending: 'warte auf' });
    // Assess
    expect(custom.outcome).toBe('pending');
    expect(builtInIgnored.outcome).toBe('unclear');
  });
});

describe('judgeVerdict with icons, labels and states', () => {
  it('fails a passing text whose icon, label or state says failed', () => {
    // Act
    const icon = judgeVerdict('WebSocket ✗ erfolgreich');
    const label = judgeVerdict('WebSocket erfolgreich', { hints: { labels: ['Fehler'] } });
    const state = judgeVerdict('WebSocket erfolgreich', { hints: { states: ['check-row', 'is-error'] } });
    // Assess
    expect(icon).toEqual({ outcome: 'fail', reason: 'its text says "erfolgreich", but it shows ✗' });
    expect(label.outcome).toBe('fail');
    expect(state).toEqual({ outcome: 'fail', reason: 'its text says "erfolgreich", but it is marked "is-error"' });
  });

  it('fails an unclear text marked failed, and never passes an unclear text marked ok', () => {
    // Act
    const failed = judgeVerdict('WebSocket', { hints: { states: ['bad'] } });
    const okOnly = judgeVerdict('WebSocket', { hints: { labels: ['OK'], states: ['good'] } });
    // Assess
    expect(failed.outcome).toBe('fail');
    expect(okOnly.outcome).toBe('unclear');
  });

  it('keeps a pass whose hints agree', () => {
    // Act
    const judged = judgeVerdict('Webbrowser ✓ unterstützt', { hints: { labels: ['OK'], states: ['bestanden'] } });
    // Assess
    expect(judged.outcome).toBe('pass');
  });
});

describe('judgeHints', () => {
  it('reads labels as words and states as markers; failure first', () => {
    // Act / Assess
    expect(judgeHints({ labels: ['OK'], states: ['error'] })?.outcome).toBe('fail');
    expect(judgeHints({ labels: ['läuft'] })).toBeUndefined();
    expect(judgeHints({ states: ['data-state-ok', 'ok'] })?.outcome).toBe('pass');
    expect(judgeHints(undefined)).toBeUndefined();
  });
});

describe('judgeVerdict: a clause that opens with its negation', () => {
  it.each([
    'Kein',
    'Keine',
    'Keinen',
    'Keiner',
    'Keinem',
    'Keines',
    'Nicht',
    'Nichts',
    'Nie',
    'Niemals',
    'No',
    'Not',
    'None',
    'Never',
    'Cannot',
    "Couldn't",
  ])('"%s …" five words before the pass word fails', (negation) => {
    // Act
    const judged = judgeVerdict(`${negation} Verbindung zu diesem einen Server aufgebaut`);
    // Assess
    expect(judged).toEqual({ outcome: 'fail', reason: `"aufgebaut" is negated by "${negation}"` });
  });

  it.each(['und', 'oder', 'aber', 'sowie', 'sondern', 'doch', 'jedoch', 'and', 'or', 'but', 'UND', 'But'])(
    'ends at the joining word "%s"',
    (join) => {
      // Act
      const judged = judgeVerdict(`Keine Plugins nötig ${join} Verbindung zum Server aufgebaut`);
      // Assess
      expect(judged.outcome).toBe('pass');
    },
  );

  it('does not end at a word that only contains a joining word', () => {
    // Act / Assess
    expect(judgeVerdict('Keine Verbindung zum Standort Brandenburg aufgebaut').outcome).toBe('fail');
    expect(judgeVerdict('No connection to the Corbusier server established').outcome).toBe('fail');
    // a joining word's edge is a letter's edge, umlauts and accents included: "or" in "Señor" is no word
    expect(judgeVerdict('Keine Verbindung zum Server von Señor Gómez aufgebaut').outcome).toBe('fail');
    expect(judgeVerdict('Keine Verbindung zum Serverbüround aufgebaut').outcome).toBe('fail');
  });

  it("ends at a colon, and a label before a colon does not count as the clause's first word", () => {
    // Act / Assess
    expect(judgeVerdict('Keine Anmeldung für diesen Test nötig: Verbindung erfolgreich').outcome).toBe('pass');
    expect(judgeVerdict('WebSocket: keine Verbindung zum Server aufgebaut').outcome).toBe('fail');
    expect(judgeVerdict('WebSocket Status heute: keine Verbindung zum Server aufgebaut').outcome).toBe('fail');
  });

  it('reaches only from the first word of the clause', () => {
    // Act / Assess
    // the known limit: further in, a negation reaches three words ("nicht älter als zwei Jahre und …")
    expect(judgeVerdict('Heute keine Verbindung zu diesem einen Server aufgebaut').outcome).toBe('pass');
    expect(judgeVerdict('Nicht nur die Mindestversion sondern jede aktuelle Version unterstützt').outcome).toBe('pass');
    expect(judgeVerdict('Browser ohne Erweiterungen und Plugins vollständig unterstützt').outcome).toBe('pass');
  });

  it.each(['Ohne', 'Without', 'OHNE'])('does not reach from "%s", as often a preposition', (word) => {
    // Act / Assess
    expect(judgeVerdict(`${word} Proxy direkt zu diesem einen Server verbunden`).outcome).toBe('pass');
  });
});

describe('judgeVerdict at the edges of a negation', () => {
  it.each([
    // three words between the negation and the pass word are still in reach
    'Ihr Browser wird leider nicht vollständig vom System unterstützt',
    'Keine sichere WebSocket-Verbindung aufgebaut',
    'No secure WebSocket connection established',
    // one word between the pass word and a trailing negation is still in reach
    'Unterstützt: leider nein',
    'Supported: sadly no',
    // a trailing negation ends its clause even when another sentence follows
    'Unterstützt: nein. Bitte aktualisieren Sie Ihren Browser',
    'Supported: no. Please update your browser.',
    // a negated failure word elsewhere in the text does not shield the negated pass word
    'Browser nicht unterstützt – keine Fehler gemeldet',
    'Keine Fehler gefunden, aber Browser nicht unterstützt',
    // a failure word counts when the negation before it is far away or in another clause
    'Browser unterstützt. Keine Antwort vom Server: Zeitüberschreitung',
    'Browser supported. Proxy: none; connection failed',
    'Browser supported. Proxy: none, connection failed',
    // a negation after a failure word does not negate it
    'Zeitüberschreitung – keine Antwort. Browser unterstützt',
    // a clause that opens with its negation negates the pass word at its end, however far
    'Keine WebSocket-Verbindung zum Server aufgebaut',
    'No WebSocket connection to the server established',
    'Nicht alle Dienste des Servers sind erreichbar',
    'Not every service of the server is reachable',
    'HTTP: keine Verbindung zum Server über Port 443 hergestellt',
    'Browser unterstützt. Keine WebSocket-Verbindung zum Server aufgebaut',
  ])('"%s" fails', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('fail');
  });

  it.each([
    // a negation in another clause, or behind a comma or dash, does not reach the pass word
    'Keine Plugins nötig. Browser unterstützt',
    'No plugins needed. Browser supported',
    'Kein Plugin nötig, Browser unterstützt',
    'Ohne Proxy – Verbindung erfolgreich',
    'Plugins nötig? Nein. Browser unterstützt',
    // a trailing negation in another clause, or more than one word away, negates something else
    'Browser unterstützt. Plugins: keine',
    'Browser supported. Plugins: none',
    'Is the browser supported? No plugins are needed.',
    'Browser unterstützt, Java-Plugin: nein',
    // a negation more than three words before the pass word negates something else
    'Browser nicht älter als zwei Jahre und unterstützt',
    'Browser not older than two years and supported',
    // a clause opening with a negation ends at a colon or a joining word
    'Keine Probleme gefunden und Verbindung zum Server erfolgreich hergestellt',
    'No problems found and the connection to the server was established',
    'Keine Anmeldung für diesen Test nötig: Verbindung erfolgreich',
    'No proxy between you and the server, connection established',
    // "ohne"/"without" opening a clause is as often a preposition
    'Ohne Proxy direkt mit dem Server verbunden',
    // a negation that negates a failure word does not negate the pass word after it
    'Ohne Fehler verbunden',
    'Connected without errors',
    // a negation after the pass word that goes on with words of its own negates something else
    'Browser unterstützt, keine Plugins nötig',
    'Browser supported, no plugins required',
    'Supported: Windows, not 7',
    // one word between a negation and a failure word: the failure is still negated
    'Verbindung erfolgreich, keine bekannten Fehler',
    'Connected, no connection errors',
  ])('"%s" passes', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('pass');
  });

  it.each([
    // a question and its answer: the question mark does not part the pass word from its negation
    'Supported? no',
    'Unterstützt? Nein.',
    'WebSocket verbunden? Leider nein',
    // the answer ends at a comma or dash: what follows it says something else
    'Unterstützt: nein, leider nicht',
    'Supported: no, sorry',
    'Verbunden: nein – Zeit abgelaufen',
  ])('"%s" fails: a trailing negation answers the pass word before it', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('fail');
  });

  it('is unclear about a negated failure word alone, one word apart', () => {
    // Act
    const judged = judgeVerdict('Keine bekannten Fehler');
    // Assess
    expect(judged).toEqual({ outcome: 'unclear', reason: 'says neither pass nor fail' });
  });

  it('fails a negation that negates no failure word, naming it', () => {
    // Act
    const after = judgeVerdict('Keine Fehler, aber keine Verbindung');
    const far = judgeVerdict('Keine Verbindung – kein Fehler gemeldet');
    // Assess
    expect(after).toEqual({ outcome: 'fail', reason: 'says "keine"' });
    expect(far).toEqual({ outcome: 'fail', reason: 'says "Keine"' });
  });
});

describe('judgeVerdict: "error-free" is a pass word, not a failure word', () => {
  it.each(['Verbindung fehlerfrei', 'Übertragung fehlerlos', 'WebSocket-Verbindung fehlerfrei aufgebaut'])('"%s" passes', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('pass');
  });

  it.each(['Verbindung nicht fehlerfrei', 'Fehlermeldung: keine Antwort', 'Fehlerhafte Antwort'])('"%s" fails', (text) => {
    // Act
    const judged = judgeVerdict(text);
    // Assess
    expect(judged.outcome).toBe('fail');
  });
});

describe('judgeVerdict reasons', () => {
  it('says why a text is pending, also across the line breaks of a wrapped element', () => {
    // Act
    const empty = judgeVerdict(' \n ');
    const wrapped = judgeVerdict('WebSocket-Verbindung wird\n      aufgebaut');
    // Assess
    expect(empty).toEqual({ outcome: 'pending', reason: 'is empty' });
    expect(wrapped).toEqual({ outcome: 'pending', reason: 'says "wird aufgebaut"' });
  });

  it('names the failure word of the text before a failure icon', () => {
    // Act
    const judged = judgeVerdict('WebSocket ✗ fehlgeschlagen');
    // Assess
    expect(judged).toEqual({ outcome: 'fail', reason: 'says "fehlgeschlagen"' });
  });

  it('names only the hint when an unclear text is marked failed', () => {
    // Act
    const judged = judgeVerdict('WebSocket', { hints: { states: ['bad'] } });
    // Assess
    expect(judged).toEqual({ outcome: 'fail', reason: 'it is marked "bad"' });
  });
});

describe('judgeVerdict with a configured ok pattern: its match owns its words', () => {
  it('passes a match that starts with a failure word ("Fehler: 0"), once or twice', () => {
    // Act
    const once = judgeVerdict('Übertragung – Fehler: 0', { ok: 'Fehler: 0' });
    const twice = judgeVerdict('Hinweg Fehler: 0, Rückweg Fehler: 0', { ok: 'Fehler: 0' });
    // Assess
    expect(once).toEqual({ outcome: 'pass', reason: 'says "Fehler: 0"' });
    expect(twice.outcome).toBe('pass');
  });

  it('passes nothing by an empty match (a stray "|" in the pattern)', () => {
    // Act
    const judged = judgeVerdict('Browser: Chrome 147', { ok: 'erfolgreich|' });
    // Assess
    expect(judged).toEqual({ outcome: 'fail', reason: 'does not match the configured ok pattern /erfolgreich|/' });
  });

  it('names the first negated word in reading order, built-in or matched', () => {
    // Act
    const judged = judgeVerdict('Browser nicht unterstützt, WebSocket nicht erfolgreich', { ok: 'erfolgreich' });
    // Assess
    expect(judged.reason).toBe('"unterstützt" is negated by "nicht"');
  });

  it('fails a match with a negation touching it, before or after', () => {
    // Act
    const before = judgeVerdict('Browser nicht✓', { ok: '✓' });
    const after = judgeVerdict('Browser ✓nein', { ok: '✓' });
    // Assess
    expect(before.outcome).toBe('fail');
    expect(after.outcome).toBe('fail');
  });

  it('passes a match right after a negated failure word ("Kein Fehler✓")', () => {
    // Act
    const judged = judgeVerdict('Kein Fehler✓', { ok: '✓' });
    // Assess
    expect(judged).toEqual({ outcome: 'pass', reason: 'says "✓"' });
  });
});

describe('judgeHints reasons', () => {
  it('quotes the label or names the state that decides', () => {
    // Act / Assess
    expect(judgeHints({ labels: ['Prüfung  fehlgeschlagen'] })).toEqual({
      outcome: 'fail',
      reason: 'its label says "Prüfung fehlgeschlagen"',
    });
    expect(judgeHints({ labels: ['Verbindung erfolgreich'] })).toEqual({
      outcome: 'pass',
      reason: 'its label says "Verbindung erfolgreich"',
    });
    expect(judgeHints({ states: ['row', 'is-success'] })).toEqual({ outcome: 'pass', reason: 'it is marked "is-success"' });
  });
});

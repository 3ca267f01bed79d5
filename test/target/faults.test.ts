import { describe, expect, it } from 'vitest';
import { targetCommand } from '../../cli/commands/target';
import { FAULT_NAMES, FAULT_SPECS, FaultError, parseFaults } from '../../target/faults';

describe('parseFaults', () => {
  it('accepts switches and valued faults together, in canonical form', () => {
    // Act
    const faults = parseFaults(['hang', ' WS-Delay = 250 ', 'throttle=0.5']);

    // Assess
    expect(faults.list).toEqual(['hang', 'ws-delay=250', 'throttle=0.5']);
    expect(faults.has('hang')).toBe(true);
    expect(faults.has('http-500')).toBe(false);
    expect(faults.valueOf('ws-delay')).toBe(250);
    expect(faults.valueOf('throttle')).toBe(0.5);
    expect(faults.valueOf('hang')).toBeUndefined();
  });

  it('treats an empty list as healthy', () => {
    const faults = parseFaults([]);
    expect(faults.list).toEqual([]);
    expect(FAULT_NAMES.some((name) => faults.has(name))).toBe(false);
  });

  it('rejects an unknown fault with a did-you-mean and the list of known faults', () => {
    expect(() => parseFaults(['ws-silnet'])).toThrow(FaultError);
    expect(() => parseFaults(['ws-silnet'])).toThrow(
      /unknown fault "ws-silnet"\. Did you mean "ws-silent"\? Known faults: http-500, hang,/,
    );
  });

  it.each([
    ['ws-delay=abc', /fault "ws-delay" needs whole milliseconds from 0 to 600000, got "abc"/],
    ['ws-delay=-5', /needs whole milliseconds/],
    ['login-slow=1.5', /needs whole milliseconds/],
    ['http-delay=9999999', /needs whole milliseconds from 0 to 600000, got "9999999"/],
    ['ws-delay', /fault "ws-delay" needs a value: "ws-delay=MS"/],
    ['throttle=', /fault "throttle" needs a value: "throttle=MBPS"/],
    ['throttle=0', /needs megabits per second above 0/],
    ['throttle=fast', /needs megabits per second above 0 and up to 100000, got "fast"/],
    ['hang=1', /fault "hang" takes no value, got "hang=1"\. Use "hang"/],
  ])('rejects %s with a message that states the rule', (item, message) => {
    expect(() => parseFaults([item])).toThrow(message);
  });

  it('rejects a fault given twice', () => {
    expect(() => parseFaults(['ws-delay=1', 'ws-delay=2'])).toThrow(/fault "ws-delay" is given twice/);
  });

  it.each(FAULT_NAMES)('parses %s in the form its value kind asks for, and refuses the other form', (name) => {
    // Prepare
    const kind = FAULT_SPECS[name].value;
    const withValue = `${name}=${kind === 'mbps' ? '8' : '250'}`;
    // Act
    const parse = (item: string) => () => parseFaults([item]);
    // Assess
    if (kind === 'none') {
      expect(parseFaults([name]).has(name)).toBe(true);
      expect(parse(withValue)).toThrow(/takes no value/);
    } else {
      expect(parseFaults([withValue]).valueOf(name)).toBe(kind === 'mbps' ? 8 : 250);
      expect(parse(name)).toThrow(/needs a value/);
    }
  });

  it('lists every fault in `target --help` with its value and its effect', () => {
    // Act
    const lines = targetCommand.usage.split('\n');
    // Assess
    for (const name of FAULT_NAMES) {
      const { value, effect } = FAULT_SPECS[name];
      const shown = value === 'none' ? name : `${name}=${value.toUpperCase()}`;
      expect(lines.filter((line) => line.trim().startsWith(`${shown} `) && line.trim().endsWith(effect))).toHaveLength(1);
    }
  });
});

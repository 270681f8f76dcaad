import { expect } from 'chai';
import { forwardSessionRecords } from '../../../src/core/forward-records.js';

describe('forwardSessionRecords', () => {
  it('sends verbose and information to verbose, warnings and non-terminating errors to warning, in order', () => {
    const seen: string[] = [];
    forwardSessionRecords(
      [
        { kind: 'verbose', message: 'Get-Service' },
        { kind: 'warning', message: 'slow' },
        { kind: 'information', message: 'note' },
        { kind: 'error', message: 'Get-WinEvent failed' },
      ],
      { verbose: (m) => seen.push(`V:${m}`), warning: (m) => seen.push(`W:${m}`) },
    );
    expect(seen).to.deep.equal(['V:Get-Service', 'W:slow', 'V:note', 'W:Get-WinEvent failed']);
  });
});

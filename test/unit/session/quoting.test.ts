import { expect } from 'chai';
import { quotePowerShellLiteral } from '../../../src/session/quoting.js';

describe('quotePowerShellLiteral', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ['$(Remove-Item C:\\)', "'$(Remove-Item C:\\)'"],
    ['back`tick', "'back`tick'"],
    ['a\u2019b', "'a\u2019\u2019b'"],
    ['\u2018x\u201B', "'\u2018\u2018x\u201B\u201B'"],
    ['', "''"],
    ['line1\nline2', "'line1\nline2'"],
  ];
  for (const [input, expected] of table) {
    it(`quotes ${JSON.stringify(input)}`, () => {
      expect(quotePowerShellLiteral(input)).to.equal(expected);
    });
  }
});

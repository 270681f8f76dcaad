/**
 * Quotes a string as a PowerShell single-quoted literal. Single quotes are the only quoting form in which
 * PowerShell expands nothing (`$`, backticks and subexpressions stay literal); the one character that ends
 * the literal is a single quote, including the typographic ones PowerShell also accepts
 * (U+2018, U+2019, U+201A, U+201B), so each of those is doubled.
 */
export function quotePowerShellLiteral(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

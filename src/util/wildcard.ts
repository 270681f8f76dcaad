/** Whether a name holds PowerShell wildcard characters (*, ?, [). */
export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/**
 * A PowerShell wildcard pattern (-like, case-insensitive) as a regular expression: * any run, ? one character,
 * [abc] one of a set; everything else literal.
 */
export function wildcardToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) {
        source += '\\[';
      } else {
        source += `[${pattern.slice(index + 1, end).replace(/[\\\]^]/g, (c) => `\\${c}`)}]`;
        index = end;
      }
    } else source += char.replace(/[.+^${}()|\\/]/g, (c) => `\\${c}`);
  }
  return new RegExp(`^${source}$`, 'i');
}

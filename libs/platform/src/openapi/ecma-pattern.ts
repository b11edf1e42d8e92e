/**
 * A JavaScript pattern as a document pattern that means the same to every reader: \d and \w match
 * only ASCII in JavaScript but any Unicode digit or letter in Python (schemathesis) and others, so a
 * generator would send digits the validator refuses. Written as explicit ASCII classes.
 */
export function ecmaPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      i++;
      if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (next === 'w') out += inClass ? 'A-Za-z0-9_' : '[A-Za-z0-9_]';
      else out += char + next;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}

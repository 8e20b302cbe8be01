import type { Rule } from '../src/types.js';

/** Python's json.load wording for jsonc-parser's error codes (F01, §3 of the facts). */
const PYTHON_SAYS: Record<string, string> = {
  InvalidSymbol: 'Expecting value',
  InvalidNumberFormat: 'Expecting value',
  PropertyNameExpected: 'Expecting property name enclosed in double quotes',
  ValueExpected: 'Expecting value',
  ColonExpected: "Expecting ':' delimiter",
  CommaExpected: "Expecting ',' delimiter",
  CloseBraceExpected: "Expecting ',' delimiter",
  CloseBracketExpected: "Expecting ',' delimiter",
  EndOfFileExpected: 'Extra data',
  UnexpectedEndOfComment: 'Expecting value',
  UnexpectedEndOfString: 'Unterminated string starting at',
  UnexpectedEndOfNumber: 'Expecting value',
  InvalidUnicode: 'Invalid \\uXXXX escape',
  InvalidEscapeCharacter: 'Invalid \\escape',
  InvalidCharacter: 'Invalid control character at',
};

const READABLE: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'text after the end of the JSON value',
  UnexpectedEndOfComment: 'unterminated /* comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character (tab, line break) inside a string',
  NestingTooDeep: "nested more than 500 levels deep (nnunet-doctor's limit; Python's json.load gives up near 1000 levels, and no dataset.json is this deep)",
};

/** NNU001: not parseable even as JSONC. */
const rule: Rule = {
  meta: {
    code: 'NNU001',
    name: 'invalid-json',
    severity: 'error',
    fix: ['none'],
    stage: 'text',
    summary: 'not parseable even as JSON with comments: reported with line:column, never written',
    docs: `nnU-Net reads dataset.json with Python's \`json.load\` (batchgenerators \`load_json\`) and
stops with \`json.decoder.JSONDecodeError\` (\`Expecting value\`, \`Expecting ',' delimiter\`,
\`Extra data\`, ...). Comments and trailing commas are a separate, fixable problem (NNU002);
this rule is for text that does not parse even when those are allowed: a missing comma,
unbalanced braces, a bare string, a Python \`'''docstring'''\`, a shell heredoc leftover
(\`EOF\`), single quotes, or nesting deeper than Python can read.

**No fix:** the file's structure is ambiguous. The diagnostic gives the line and column of the
first error and the parser's reason; such a file is never written, whatever else is wrong.
Corpus examples: nnFormer's Synapse.json with a \`'''...'''\` line, Fed-BraTS's heredoc file.`,
  },
  check(ctx) {
    const errs = ctx.doc.parseErrors;
    if (!errs.length) return [];
    const e = errs[0]!;
    const name = e.code.split(' ')[0]!;
    const what = READABLE[name] ?? e.code;
    const py = PYTHON_SAYS[name];
    const more = errs.length > 1 ? ` (${errs.length - 1} more error${errs.length > 2 ? 's' : ''} after it)` : '';
    return [
      {
        offset: e.offset,
        length: e.length,
        key: 'syntax',
        message:
          name === 'NestingTooDeep'
            ? `not read: ${what}; nothing is checked or written`
            : `not valid JSON: ${what}${more}; Python's json.load fails${py ? ` with "${py}"` : ''}; fix the text by hand (nothing is written while the file does not parse)`,
      },
    ];
  },
};
export default rule;

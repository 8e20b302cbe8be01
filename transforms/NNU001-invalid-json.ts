import type { Rule } from '../src/types.js';
import { MAX_NESTING, pythonErrorMessage } from '../src/pyparse.js';

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
};

/** NNU001: not parseable even as JSONC. */
const rule: Rule = {
  meta: {
    code: 'NNU001',
    name: 'invalid-json',
    severity: 'error',
    fix: ['none'],
    stage: 'text',
    blocksWrite: true,
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
    const doc = ctx.doc;
    const errs = doc.parseErrors;
    if (!errs.length) return [];
    const e = errs[0]!;
    const name = e.code.split(' ')[0]!;
    if (name === 'NestingTooDeep') {
      return [
        {
          offset: e.offset,
          length: e.length,
          key: 'syntax',
          message: `not read: nested more than ${MAX_NESTING} levels deep (nnunet-doctor's limit)`,
          help: "Python's json.load gives up near 1000 levels, and no dataset.json is this deep; nothing is checked or written",
        },
      ];
    }
    const py = doc.pyError;
    if (!py) {
      // jsonc-parser rejects what Python would accept (never seen; kept honest rather than guessed)
      return [{ offset: e.offset, length: e.length, key: 'syntax', message: `not read: ${READABLE[name] ?? e.code}`, help: 'nothing is checked or written' }];
    }
    const where = pythonErrorMessage(doc.text, { message: py.message, offset: py.offset });
    const repairable = doc.bom || doc.comments.length || doc.trailingCommas.length;
    const odd = oddCharacter(doc.text, py.offset);
    return [
      {
        offset: py.offset,
        length: 1,
        key: 'syntax',
        // Python's words without their position (the report line has it): "Expecting ',' delimiter"
        message: `not valid JSON: ${py.message.replace(/( starting)? at$/, '')}`,
        nnunet: `stops with JSONDecodeError "${where}"${repairable ? ' (once the comments, trailing commas or BOM that NNU002/NNU003 remove are gone)' : ''}`,
        help: `${odd ? `the text there starts with ${odd}; ` : ''}fix the text by hand (nothing is written while the file does not parse)`,
      },
    ];
  },
};

/** Names for characters that look like blanks or quotes but are not JSON's. */
const ODD: Record<number, string> = {
  0xa0: 'a no-break space (U+00A0), which JSON does not count as a blank',
  0x0b: 'a vertical tab (U+000B), which JSON does not count as a blank',
  0x0c: 'a form feed (U+000C), which JSON does not count as a blank',
  0x2028: 'a line separator (U+2028)',
  0x2029: 'a paragraph separator (U+2029)',
  0x201c: 'a typographic quote (U+201C); JSON needs "',
  0x201d: 'a typographic quote (U+201D); JSON needs "',
  0x2018: 'a typographic quote (U+2018); JSON needs "',
  0x2019: 'a typographic quote (U+2019); JSON needs "',
  0x27: 'a single quote; JSON needs "',
  0xfeff: 'a byte-order mark (U+FEFF) in the middle of the text',
};

/** What is at `offset` when it is a look-alike character (the usual copy-paste damage), else undefined. */
function oddCharacter(text: string, offset: number): string | undefined {
  const c = text.charCodeAt(offset);
  if (ODD[c]) return ODD[c];
  if (c >= 0x2000 && c <= 0x200b) return `a typographic space (U+${c.toString(16).toUpperCase().padStart(4, '0')}), which JSON does not count as a blank`;
  return undefined;
}
export default rule;

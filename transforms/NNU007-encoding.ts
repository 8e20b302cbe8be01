import type { Rule } from '../src/types.js';

/** NNU007: not UTF-8. */
const rule: Rule = {
  meta: {
    code: 'NNU007',
    name: 'encoding',
    severity: 'error',
    fix: ['none'],
    stage: 'bytes',
    blocksWrite: true,
    summary: 'not UTF-8 (UTF-16, Latin-1 bytes, binary): reported with the byte offset, never written',
    docs: `nnU-Net opens dataset.json with \`open(file, 'r')\` and no encoding, so Python uses UTF-8 on
Linux and macOS (the locale's code page on Windows without UTF-8 mode). A file saved as
UTF-16 (PowerShell's default \`>\` redirection, Notepad's "Unicode") stops with
\`UnicodeDecodeError\`; Latin-1/cp1252 bytes in a name (\`Ä\`, \`é\`) do too.

**No fix:** converting needs to know the intended characters. Re-save the file as UTF-8
(e.g. \`iconv -f UTF-16 -t UTF-8\`). The message gives the byte offset of the first bad byte.
Files containing NUL bytes are treated as binary and never written.`,
  },
  check(ctx) {
    const e = ctx.decodeError;
    if (!e) return [];
    // decodeBytes says what the bytes are, then why that matters ("; Python's json.load reads UTF-8")
    const what = e.reason.replace(/; Python's json\.load reads UTF-8$/, '');
    return [
      {
        offset: 0,
        length: 0,
        key: 'encoding',
        message: `${what} (first bad byte at offset ${e.offset})`,
        nnunet: 'stops with UnicodeDecodeError: it opens dataset.json as UTF-8 on Linux and macOS',
        help: 're-save the file as UTF-8',
      },
    ];
  },
};
export default rule;

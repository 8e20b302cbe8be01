import type { Rule } from '../src/types.js';

/** NNU003: a UTF-8 byte-order mark at the start of the file. */
const rule: Rule = {
  meta: {
    code: 'NNU003',
    name: 'byte-order-mark',
    severity: 'error',
    fix: ['safe'],
    stage: 'text',
    summary: "UTF-8 byte-order mark: Python's json.load rejects it",
    docs: `Windows editors (Notepad, PowerShell's \`Out-File\`) often start a UTF-8 file with a
byte-order mark (EF BB BF). Python's \`json.load\` on a file opened as UTF-8 stops with
\`Unexpected UTF-8 BOM (decode using utf-8-sig)\`; with a cp1252 locale it reads garbage and
fails with \`Expecting value: line 1 column 1\`.

**Fix (safe):** the three BOM bytes are dropped; nothing else changes.`,
  },
  check(ctx) {
    if (!ctx.doc.bom) return [];
    return [
      {
        offset: 0,
        length: 1,
        key: 'bom',
        message: 'UTF-8 byte-order mark (EF BB BF) at the start of the file',
        nnunet: 'stops with JSONDecodeError "Unexpected UTF-8 BOM (decode using utf-8-sig)"',
        fix: { applicability: 'safe', title: 'drop the byte-order mark', edits: [{ offset: 0, length: 1, content: '' }], scope: [] },
      },
    ];
  },
};
export default rule;

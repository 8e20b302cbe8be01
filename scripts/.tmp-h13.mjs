import fsp from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { decodePngRows } from '/work/main/dist/src/images/png-rows.js';
const fh = await fsp.open('/tmp/rp-h13/m2.png');
await decodePngRows(createReadStream('', {fd: fh.fd, start:0, autoClose:false}), { onRow(){} });
try { await fh.close(); console.log('closed'); } catch (e) { console.log('close err', e.message); }

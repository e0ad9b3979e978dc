import * as os from 'os'; import * as path from 'path'; import * as fs from 'fs';
import { secureApp, guardedSecureApp } from './apps';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'b-'));
const f = process.argv[2] === 'g' ? guardedSecureApp : secureApp;
for (let i = 0; i < 25; i++) f({ workloads: 200, outdir: out }).synth();

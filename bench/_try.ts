import * as os from 'os'; import * as path from 'path'; import * as fs from 'fs';
import { secureApp, guardedSecureApp } from './apps';
import { timeMs, settle, median } from './stats';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'b-'));
const r: Record<string, number[]> = { sb: [], ss: [], gb: [], gs: [] };
for (let i = 0; i < 12; i++) {
  for (const [k, f] of (i % 2 ? [['g', guardedSecureApp], ['s', secureApp]] : [['s', secureApp], ['g', guardedSecureApp]]) as any) {
    settle(); let app: any;
    const b = timeMs(() => { app = f({ workloads: 200, outdir: out }); });
    const s = timeMs(() => app.synth());
    if (i >= 2) { r[k + 'b'].push(b); r[k + 's'].push(s); }
  }
}
for (const k of Object.keys(r)) console.log(k, median(r[k]).toFixed(0), r[k].map(x => x.toFixed(0)).join(' '));

import * as os from 'os'; import * as path from 'path'; import * as fs from 'fs';
import { benchSynth } from './synth-metric';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'b-'));
const n = Number(process.argv[2] ?? 1000);
console.log(benchSynth({ workloads: n, rounds: Number(process.argv[3] ?? 7), warmup: 1, outdir: path.join(out, 'dist') }));

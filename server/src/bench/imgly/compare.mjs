// Times @imgly/background-removal-node (IS-Net medium, as its package runs it) against humanseg's server on the
// same photos, interleaved photo by photo (the order alternates), in one process for imgly and one server for
// humanseg. Both get the photo's JPEG bytes and answer a PNG alpha mask. Run by imgly-compare.sh.
// Arguments: URL (the humanseg server) MODELS (comma-separated humanseg models) ROUNDS PHOTO...
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { segmentForeground } from '@imgly/background-removal-node';

const [url, modelList, roundsArg, ...photos] = process.argv.slice(2);
const models = modelList.split(',');
const rounds = parseInt(roundsArg, 10);

const imgly = async (jpeg) => {
  const png = await segmentForeground(new Blob([jpeg], { type: 'image/jpeg' }), {
    model: 'medium', output: { format: 'image/png' } });
  if (png.size < 100) throw new Error('imgly answered ' + png.size + ' bytes');
};
const humanseg = (model) => async (jpeg) => {
  const res = await fetch(`${url}/v1/segment?model=${model}`, {
    method: 'POST', headers: { 'Content-Type': 'image/jpeg', Accept: 'image/png' }, body: jpeg });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200 || res.headers.get('content-type') !== 'image/png') {
    throw new Error(`humanseg ${model}: ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
  }
};
const systems = [['imgly medium (fp16)', imgly], ...models.map((m) => [`humanseg ${m}`, humanseg(m)])];

const images = photos.map((p) => readFileSync(p));
// Warm up: the first call loads imgly's model and creates its session; humanseg's server preloaded its models.
for (const [, run] of systems) await run(images[0]);

const times = systems.map(() => []);
const load = [loadavg()[0]];
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < images.length; i++) {
    const order = systems.map((_, k) => k);
    if ((i + r) % 2 === 1) order.reverse();
    for (const k of order) {
      const t0 = process.hrtime.bigint();
      await systems[k][1](images[i]);
      times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  load.push(loadavg()[0]);
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(`${photos.length} photos x ${rounds} round(s), ${cpus().length} cores visible, 1-min load ${load.map((l) => l.toFixed(2)).join(' -> ')}`);
console.log('| system | median ms/photo | mean ms/photo | imgly / this (median of per-photo ratios) |');
console.log('|---|---|---|---|');
systems.forEach(([name], k) => {
  const ratios = times[k].map((t, j) => times[0][j] / t);
  console.log(`| ${name} | ${median(times[k]).toFixed(0)} | ${mean(times[k]).toFixed(0)} | ${median(ratios).toFixed(2)} |`);
});

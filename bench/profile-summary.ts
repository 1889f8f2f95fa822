import { readFile } from 'node:fs/promises';

/**
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. BENCH_PROFILE_DIR) on the terminal: where the
 * time went by package/area, the functions with the most self time, and the functions of ours
 * (not node_modules) with the most inclusive time.
 *
 *   node --import tsx bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [top=25]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const area = (url: string): string => {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/(platform|twins|broker|gateway|stack|edge|testkit|bench|subgraphs\/[^/]+)\/src\//.exec(url) ?? /\/(bench)\//.exec(url);
  return ours ? `@hearth ${ours[1]}` : url;
};
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(?=[a-z]+\/src\/)/, '')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const areas = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const node = byId.get(id)!;
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    areas.set(name, (areas.get(name) ?? 0) + dt);
    return;
  }
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  areas.set(area(node.callFrame.url), (areas.get(area(node.callFrame.url)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
    if (n.callFrame.url.includes('node_modules') || !n.callFrame.url.startsWith('file://')) continue;
    const l = label(n);
    if (!seen.has(l)) (inclusive.set(l, (inclusive.get(l) ?? 0) + dt), seen.add(l));
  }
});

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / 1e6).toFixed(1).padStart(7)} s  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('By area (self time)', areas);
show('Functions by self time', self);
show('Our functions by inclusive time', inclusive);

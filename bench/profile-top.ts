/**
 * Prints a V8 CPU profile's top frames, for bench/README.md: self time by function, and self time by
 * where the code lives (a package under node_modules, node's internals, our libs/apps, GC, idle), and
 * total time (self and callees, each sample counted once per function) of our own functions.
 * Usage: node -r ts-node/register/transpile-only bench/profile-top.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

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
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);

function placeOf(url: string, name: string): string {
  if (!url) return `(${name || 'native'})`;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(libs\/[^/]+|apps\/[^/]+|bench)\//.exec(url);
  return ours ? ours[1] : url;
}

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id);
  if (!ms) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const place = placeOf(url, functionName);
  const key = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
}

// Total time of our own functions: every sample counts once for each of our functions on its stack.
const parent = new Map<number, ProfileNode>();
const nodes = new Map<number, ProfileNode>();
for (const node of profile.nodes) {
  nodes.set(node.id, node);
  for (const child of node.children ?? []) parent.set(child, node);
}
const ownTotal = new Map<string, number>();
profile.samples.forEach((id, index) => {
  const seen = new Set<string>();
  for (let node = nodes.get(id); node; node = parent.get(node.id)) {
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url, functionName);
    if (!/^(libs|apps)\//.test(place)) continue;
    seen.add(`${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`);
  }
  for (const key of seen) ownTotal.set(key, (ownTotal.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
});

const print = (title: string, entries: Map<string, number>) => {
  console.log(`${title} (of ${(total / 1000).toFixed(2)} s sampled)`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('self time by function', byFunction);
print('self time by place', byPlace);
print('total time of our functions (self and callees)', ownTotal);

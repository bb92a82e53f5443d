import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

describe('runtime', () => {
  it('runs the tests on the Node line the project brings (.nvmrc), not the machine’s older system Node', () => {
    const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
    expect(process.versions.node.split('.')[0]).toBe(wanted);
  });

  it('declares that line in engines and installs it from the npm registry', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
    expect(manifest.engines.node).toMatch(new RegExp(`^>=${wanted}\\.`));
    expect(manifest.devDependencies.node.split('.')[0]).toBe(wanted);
  });
});

import type { Model, ModelData } from 'highs';
import { loadHighs } from './highs';
import { planInstance } from './plan-instance';
import { solverWarmUpInstance } from './solver-warm-up';

type Operation = (model: Model) => unknown;
type Counted = { withModel: (source: ModelData, operation: Operation) => unknown };

describe('the solver warm-up plan', () => {
  // Every HiGHS model the solve runs, as bench/solver counts them: whether it is a MIP, and its node count.
  const runs: Array<{ mip: boolean; nodes: number }> = [];
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    const highs = (await loadHighs()) as unknown as Counted;
    const withModel = highs.withModel;
    highs.withModel = (source, operation) =>
      withModel.call(highs, source, (model: Model) => {
        const result = operation(model);
        const mip = source.integrality?.some((value) => value !== 0) ?? false;
        runs.push({ mip, nodes: mip ? Number(model.info.get('mip_node_count')) : 0 });
        return result;
      });
    restore = () => {
      highs.withModel = withModel;
    };
  });
  afterAll(() => restore());

  it('is solved to a proven optimum by a MIP that closes a gap its LP relaxation leaves', async () => {
    const { outcome } = await planInstance(solverWarmUpInstance(), { mode: 'fresh', byProvince: false });
    expect(outcome.status).toBe('optimal');
    // The LP relaxation is fractional and no rounding or dive reaches its bound: the MIP has to close the gap.
    expect(outcome.stats.objective - outcome.stats.bound).toBeGreaterThan(1e-3);
    const mips = runs.filter((run) => run.mip);
    expect(mips.length).toBeGreaterThanOrEqual(1);
    expect(mips.some((run) => run.nodes >= 1)).toBe(true);
    expect(runs.length).toBeGreaterThan(mips.length);
  });

  it('is the same plan on every call (drawn from a fixed seed)', () => {
    expect(solverWarmUpInstance()).toEqual(solverWarmUpInstance());
  });
});

import { DEFAULT_TASK_TEMPLATE, dueDateOf, wouldCycle } from './task-rules';

describe('task rules', () => {
  it('counts deadlines back from the venue date', () => {
    expect(dueDateOf('2027-08-19', -30)).toBe('2027-07-20');
    expect(dueDateOf('2027-08-19', -1)).toBe('2027-08-18');
    expect(dueDateOf(null, -30)).toBeNull();
    expect(dueDateOf('2027-08-19', null)).toBeNull();
  });

  it('finds cycles through any path, and allows a diamond', () => {
    const edges = new Map([
      ['c', ['b']],
      ['b', ['a']],
    ]);
    expect(wouldCycle(edges, 'a', 'c')).toBe(true); // a → c → b → a
    expect(wouldCycle(edges, 'a', 'a')).toBe(true);
    expect(wouldCycle(edges, 'd', 'c')).toBe(false);
    expect(
      wouldCycle(
        new Map([
          ['d', ['b', 'c']],
          ['c', ['a']],
          ['b', ['a']],
        ]),
        'e',
        'd',
      ),
    ).toBe(false);
  });

  it('has a default template whose dependencies name its own codes and form no cycle', () => {
    const codes = new Set(DEFAULT_TASK_TEMPLATE.map((line) => line.code));
    expect(codes.size).toBe(DEFAULT_TASK_TEMPLATE.length);
    const edges = new Map(DEFAULT_TASK_TEMPLATE.map((line) => [line.code, line.dependsOn]));
    for (const line of DEFAULT_TASK_TEMPLATE) {
      for (const code of line.dependsOn) {
        expect(codes.has(code)).toBe(true);
        expect(wouldCycle(new Map([...edges].filter(([key]) => key !== line.code)), line.code, code)).toBe(false);
      }
    }
  });
});

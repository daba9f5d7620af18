/**
 * The golden test: the published 2024 table is reproduced exactly from its inputs, through the
 * command line a user runs. Every value here is read off the fixture by hand.
 */
import { describe, expect, it } from 'vitest';
import { ALBERO_GOLDEN } from './golden-values.js';
import { FIXTURE, albero } from './helpers.js';

describe('albero on the published 2024 table', () => {
  it('verify reproduces every stated cell and exits 0', () => {
    const run = albero(['verify', FIXTURE, '--json']);
    expect(run.stderr).not.toMatch(/error/i);
    const result = JSON.parse(run.stdout) as { checked: number; differences: unknown[] };
    expect(result.differences).toEqual([]);
    // 46 objective rows (45 with a value, A.6 empty), 91 indicator KPI cells, 11 derived Consuntivo cells.
    expect(result.checked).toBeGreaterThanOrEqual(45 + 91);
    expect(run.status).toBe(0);
  });

  it('evaluate --json gives every published objective value and band', () => {
    const run = albero(['evaluate', FIXTURE, '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      objectives: Array<{
        code: string;
        title: string;
        parent: string | null;
        performance: number | null;
        band: string | null;
        indicators: Array<{ name: string; weight: number; performance: number | null; state: string }>;
      }>;
    };
    const byCode = new Map(doc.objectives.map((o) => [o.code, o]));
    for (const [code, performance] of Object.entries(ALBERO_GOLDEN)) {
      expect(byCode.get(code)?.performance, code).toBe(performance);
    }
    expect(byCode.get('A.2')!.band).toBe('green');
    expect(byCode.get('A.2.1')!.band).toBe('yellow');
    expect(byCode.get('B.2')!.band).toBe('yellow');
    expect(byCode.get('B.1')!.band).toBe('red');
    expect(byCode.get('A.6')!.band).toBeNull();
    expect(byCode.get('A.2.1')!.parent).toBe('A.2');
    expect(byCode.get('A.2')!.parent).toBe('A');
    expect(byCode.get('C')!.title).toBe("Competitività dell'Ente");
    // file order
    expect(doc.objectives.slice(0, 4).map((o) => o.code)).toEqual(['A', 'A.1', 'A.1.1', 'A.1.2']);
    const a41 = byCode.get('A.4.1')!.indicators;
    expect(a41.map((i) => i.state)).toEqual(['measured', 'not_evaluable', 'measured']);
    expect(a41[1]!.performance).toBeNull();
    expect(byCode.get('A.5.1')!.indicators[2]!.state).toBe('not_achieved');
    expect(byCode.get('A.6')!.indicators[0]!.state).toBe('not_measured');
    expect(byCode.get('B.1.1')!.indicators[4]).toMatchObject({ weight: 20, performance: 0, state: 'measured' });
  });

  it('explain A.2 shows the weighted terms down to the child objectives', () => {
    const run = albero(['explain', FIXTURE, 'A.2']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('A.2 = 30% × 100 + 70% × 90 (= mean of A.2.1 80, A.2.2 100) = 93.00%');
  });

  it('explain B.4 uses the operational objectives own weights', () => {
    const run = albero(['explain', FIXTURE, 'B.4']);
    expect(run.stdout).toContain('weighted mean of B.4.1 100 (50%), B.4.2 100 (10%), B.4.3 100 (20%), B.4.4 100 (20%)');
  });

  it('the terminal table shows the bands and the legend', () => {
    const run = albero(['evaluate', FIXTURE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/A\.2 Internazionalizzazione.*93\.00%/);
    expect(run.stdout).toMatch(/B\.1 Transizione digitale.*56\.00%/);
    expect(run.stdout).toContain('● Performance above 80% of the target\n▲ Performance from 60% to 80% of the target\n■ Performance below 60% of the target\n');
    // In Italian, the plan's own legend, as its published table prints it.
    expect(albero(['evaluate', FIXTURE, '--lang', 'it']).stdout).toContain("● Performance superiore all'80% del target\n");
  });
});

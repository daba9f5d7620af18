import { describe, expect, it } from 'vitest';
import { evaluatePlan, formatIssue, programReason, verifyStated } from '../../core/index.js';
import { renderIssueCode } from '../../core/messages/index.js';
import { parsePublishedText } from './text.js';

const HEADER = 'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo';
/** Rows as the published table writes them; `|` stands for a tab so a reader can count columns. */
const table = (...rows: string[]): string => ['**Albero test**', '', HEADER, ...rows.map((r) => r.replace(/\|/g, '\t'))].join('\n');

describe('reading the published layout', () => {
  it('reads Italian numbers, dates, N.V., percent units and the objective weights', () => {
    const { value, issues } = parsePublishedText(
      table(
        'A Area||||||',
        'A.1 - Strategico||||||75,00%',
        "|Media ponderata di performance degli obiettivi operativi associati all'obiettivo strategico A.1|50% >=|100,00%|50,00%|50,00%|",
        '|Ore formazione|50% >=|500,00|1.587,10|100,00%|',
        'A.1.1 Operativo||50%||||0,00%',
        '|Data inoltro report|50% <=|30/09/2024|01/10/2024|0,00%|',
        '|Indice di tempestività|50% <=|-1,00|-18,72|0,00%|',
        'A.1.2 - Altro||50% =||||100,00%',
        '|Grado di coinvolgimento|50% >=|0,035%|0,041%|100,00%|',
        '|Registro titolari effettivi|0% >=|2|N.V.||',
      ),
      't.txt',
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const nodes = value.plan.nodes;
    expect(value.plan.title).toBe('Albero test');
    expect(nodes.map((n) => [n.code, n.parent, n.weight?.toString() ?? null])).toEqual([
      ['A', null, null],
      ['A.1', 'A', null],
      ['A.1.1', 'A.1', '50'],
      ['A.1.2', 'A.1', '50'],
    ]);
    const [mean, hours] = nodes[1]!.indicators;
    expect(mean!.formula).toEqual({ kind: 'children_mean' });
    expect(mean!.scoring).toEqual({ kind: 'proportional' });
    expect(hours!.measurement).toEqual({ state: 'measured', actual: { kind: 'number', value: expect.anything() } });
    expect(hours!.measurement.state === 'measured' && hours!.measurement.actual?.kind === 'number' && hours!.measurement.actual.value.toString()).toBe('1587.1');
    expect(nodes[2]!.indicators[0]!.target).toEqual({ kind: 'date', value: '2024-09-30' });
    expect(nodes[2]!.indicators[1]!.comparator).toBe('<=');
    expect(nodes[3]!.indicators[0]!.unit).toBe('percent');
    expect(nodes[3]!.indicators[1]!.measurement).toEqual({ state: 'not_evaluable', reason: programReason('published-table') });
    // Computed: A.1.1 = 0 (late date, C.1.3-like negative is met? -18,72 <= -1 yes → 100·50%) → 50
    const e = evaluatePlan(value.plan);
    expect(e.node('A.1.1')!.performance!.toString()).toBe('50');
    const check = verifyStated(e, value.stated);
    expect(check.differences.map((d) => `${d.code} ${d.cell} ${d.stated?.toString()} ${d.computed?.toString()}`)).toEqual([
      'A.1 performance_objective 75 87.5',
      'A.1 actual 50 75',
      'A.1 performance_kpi 50 75',
      'A.1.1 performance_objective 0 50',
      'A.1.1 performance_kpi 0 100',
    ]);
    expect(check.differences[0]!.origin.line).toBe(5);
  });

  it('reads the stated cells without keeping them when asked: the same plan and issues, an unreadable cell still an error', () => {
    const text = table('A - Area||||||75,00%', '|Ore formazione|50% >=|500,00|1.587,10|100,00%|', '|Ore aula|50% >=|500,00|1.587,10|cento|');
    const kept = parsePublishedText(text, 't.txt');
    const left = parsePublishedText(text, 't.txt', undefined, { stated: false });
    expect(kept.value.stated.map((s) => s.cell)).toEqual(['performance_objective', 'performance_kpi']);
    expect(left.value.stated).toEqual([]);
    expect(left.value.plan).toEqual(kept.value.plan);
    expect(left.issues).toEqual(kept.issues);
    expect(left.issues.map((i) => [i.code, i.location?.line, i.location?.column])).toEqual([['unparsable-number', 6, 'Performance KPI']]);
  });

  it('skips the header repeated at page breaks and strips HTML tags from titles', () => {
    const { value, issues } = parsePublishedText(
      table("<b>C Competitività dell'Ente</b>||||||", '', HEADER.replace(/\t/g, '|'), 'C.1 - Efficientamento||||||100,00%', '|Pratiche|100% >=|4|8|100,00%|'),
      't.txt',
    );
    expect(value.plan.nodes.map((n) => `${n.code} ${n.title}`)).toEqual(["C Competitività dell'Ente", 'C.1 Efficientamento']);
    expect(issues.map((i) => i.code)).toEqual(['html-removed']);
  });

  it('tells not achieved from not measured by the row own KPI cell', () => {
    const { value } = parsePublishedText(table('A.5.1 - Vigilanza||||||0,00%', '|Procedure|30% <=|30/04/2024||0,00%|', '|Sportello|70% <=|31/12/2024|||'), 't.txt');
    expect(value.plan.nodes[0]!.indicators.map((i) => i.measurement.state)).toEqual(['not_achieved', 'not_measured']);
  });

  it('gives each indicator without a value its state and place, and still locates a bad actual among them', () => {
    const { value, issues } = parsePublishedText(
      table(
        'A.1 - Strategico||||||',
        "|Media ponderata di performance degli obiettivi operativi associati all'obiettivo strategico A.1|40% >=|100,00%|50,00%|50,00%|",
        '|Procedure|20% <=|30/04/2024||0,00%|',
        '|Sportello|20% <=|31/12/2024|||',
        '|Registro|10% >=|2|N.V.||',
        '|Pratiche|10% >=|2|due|0,00%|',
        'A.1.1 - Operativo||||||',
        '|Sedute|100% >=|4|||',
      ),
      't.txt',
      undefined,
      { stated: false },
    );
    const indicators = value.plan.nodes.flatMap((n) => n.indicators);
    expect(indicators.map((i) => `${i.id} ${i.measurement.state} line ${i.origin?.line}`)).toEqual([
      'A.1:1 measured line 5',
      'A.1:2 not_achieved line 6',
      'A.1:3 not_measured line 7',
      'A.1:4 not_evaluable line 8',
      'A.1.1:1 not_measured line 11',
    ]);
    const target = indicators[0]!.target;
    expect(target?.kind === 'number' && target.value.toString()).toBe('100');
    expect(issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([expect.stringMatching(/^t\.txt:9 column Consuntivo: error: .*“due”.* \[unparsable-actual\]$/)]);
  });

  it('reads a bare actual in a percent-unit indicator as percentage points, and warns', () => {
    const { value, issues } = parsePublishedText(table('B.1.1 - PID||||||0,00%', '|Partecipanti|100% >=|1,00%|0,69|0,00%|'), 't.txt');
    const m = value.plan.nodes[0]!.indicators[0]!.measurement;
    expect(m.state === 'measured' && m.actual?.kind === 'number' && m.actual.value.toString()).toBe('0.69');
    expect(issues.filter((i) => i.code === 'bare-percent-actual').map(formatIssue)).toEqual([
      't.txt:5 column Consuntivo: warning: the Consuntivo 0,69 has no % sign but the target 1,00% is a percentage: read as 0.69% [bare-percent-actual]',
    ]);
    // The cells are quoted as written; the reading is said the reader's way (issue 14).
    const bare = issues.find((i) => i.code === 'bare-percent-actual')!;
    expect(bare.params).toEqual({ actual: '0,69', target: '1,00%', reading: '0.69' });
    expect(renderIssueCode(bare.code, bare.params, 'it')).toBe('il Consuntivo 0,69 non ha il segno % ma il target 1,00% è una percentuale: letto come 0,69%');
    expect(evaluatePlan(value.plan).node('B.1.1')!.performance!.toString()).toBe('0');
  });

  it('keeps titles exactly as written, damaged text included', () => {
    const { value } = parsePublishedText(table('B.3.2 - Agenda digitale||||||', '|Tasso di alimentazione del fascicolo elettronico dimpresa|100% >=|10,00%|72,74%|100,00%|'), 't.txt');
    expect(value.plan.nodes[0]!.indicators[0]!.name).toBe('Tasso di alimentazione del fascicolo elettronico dimpresa');
  });
});

describe('the tree', () => {
  it('finds the nearest objective present as parent, wherever it is in the table', () => {
    const { value, issues } = parsePublishedText(
      table('B.1.1 - Figlio prima del padre||||||', 'A - Area||||||', 'A.1.1 - Senza A.1||||||', 'A.2 - Secondo||||||', 'A.2.1 - Nipote||||||', 'B.1 - Padre dopo||||||', 'C.1 - Orfano||||||'),
      't.txt',
    );
    expect(value.plan.nodes.map((n) => `${n.code}→${n.parent} ${n.level}`)).toEqual([
      'B.1.1→B.1 operational',
      'A→null area',
      'A.1.1→A operational',
      'A.2→A strategic',
      'A.2.1→A.2 operational',
      'B.1→null strategic',
      'C.1→null strategic',
    ]);
    expect(issues.filter((i) => i.code === 'missing-parent').map((i) => i.location?.line)).toEqual([9, 10]);
  });
});

describe('cells repeated across a table', () => {
  const amount = (m: { state: string; actual?: { kind: string; value: unknown } }): string => (m.state === 'measured' && m.actual?.kind === 'number' ? String(m.actual.value) : m.state);

  it('reads each cell by its own text: 1.000 is not 1,000, -1 is not 1, 0,035% is not 0,035', () => {
    const { value, issues } = parsePublishedText(
      table(
        'A.1 - Uno||||||',
        '|Pratiche|50% >=|1.000|1,000||',
        '|Altre|50% >=|1,000|1.000||',
        'A.2 - Due||||||',
        '|Indice|25% <=|-1,00|1,00|100,00%|',
        '|Indice bis|25% <=|1,00|-1,00|100,00%|',
        '|Quota|25% >=|0,035%|0,035|0,00%|',
        '|Quota bis|25% >=|0,035|0,035%|0,00%|',
      ),
      't.txt',
    );
    const indicators = value.plan.nodes.flatMap((n) => n.indicators);
    expect(indicators.map((i) => `${i.target?.kind === 'number' ? i.target.value.toString() : ''} ${i.unit} ${amount(i.measurement)}`)).toEqual([
      '1000 number 1',
      '1 number 1000',
      '-1 number 1',
      '1 number -1',
      '0.035 percent 0.035',
    ]);
    // A percentage against a plain number target is not guessed at (issue 14): an error at the cell.
    expect(issues.filter((i) => i.code !== 'missing-parent' && i.code !== 'weights-not-100').map((i) => `${i.code} ${i.location?.line}`)).toEqual(['bare-percent-actual 10', 'kind-mismatch 11']);
  });

  it('adds up fractional weights exactly, and warns with the real total', () => {
    const { issues } = parsePublishedText(
      table(
        'A.1 - Uno||||||',
        '|Uno|33,5% >=|1|1|100,00%|',
        '|Due|66,5% >=|1|1|100,00%|',
        'A.2 - Due||||||',
        '|Uno|33,3% >=|1|1|100,00%|',
        '|Due|66,6% >=|1|1|100,00%|',
        'A.3 - Tre||||||',
        '|Uno|40% >=|1|1|100,00%|',
        '|Due|40% >=|1|1|100,00%|',
      ),
      't.txt',
    );
    expect(issues.filter((i) => i.code === 'weights-not-100').map(formatIssue)).toEqual([
      "t.txt:7 column Obiettivo: warning: the weights of A.2's indicators add up to 99.9%, not 100%; they are re-normalised [weights-not-100]",
      "t.txt:10 column Obiettivo: warning: the weights of A.3's indicators add up to 80%, not 100%; they are re-normalised [weights-not-100]",
    ]);
  });

  it('gives each row its own line, also with Windows and old Mac line ends and a byte-order mark', () => {
    const text = `\uFEFF${table('A.1 - Uno||||||', '|Uno|50% >=|1|2|100,00%|', '|Due|50% >=|x|2|100,00%|')}`;
    for (const eol of ['\r\n', '\r', '\n']) {
      const { value, issues } = parsePublishedText(text.replace(/\n/g, eol), 'eol.txt');
      expect(value.plan.title).toBe('Albero test');
      expect(value.plan.nodes[0]!.indicators.map((i) => i.origin?.line)).toEqual([5]);
      expect(issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([
        'eol.txt:6 column Target: error: Target: “x” is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no [unparsable-target]',
      ]);
    }
  });
});

describe('malformed tables give located errors', () => {
  const errors = (text: string): string[] =>
    parsePublishedText(text, 'bad.txt')
      .issues.filter((i) => i.severity === 'error')
      .map(formatIssue);

  it('wrong column count', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50% >=|1|2|100,00%'))).toEqual([
      'bad.txt:5: error: expected 7 columns (Obiettivo, Indicatore, Peso, Target, Consuntivo, Performance KPI, Performance Obiettivo), found 6 [column-count]',
    ]);
  });

  it('unknown comparator', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50% =>|1|2|100,00%|'))).toEqual(['bad.txt:5 column Peso: error: unknown comparator “=>”; use >=, <= or = [unknown-comparator]']);
  });

  it('unparsable number', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50% >=|1.5|2|100,00%|'))).toEqual([
      'bad.txt:5 column Target: error: Target: “1.5” is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no [unparsable-target]',
    ]);
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50% >=|1|circa 2|100,00%|'))[0]).toContain('bad.txt:5 column Consuntivo: error: Consuntivo: “circa 2” is not a number');
    expect(errors(table('A.1 - Obiettivo||||||molto', '|Indicatore|50% >=|1|2|100,00%|'))[0]).toBe(
      'bad.txt:4 column Performance Obiettivo: error: “molto” is not a percentage such as 93,00% [unparsable-number]',
    );
  });

  it('an impossible date', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50% <=|31/02/2024|||'))[0]).toContain('“31/02/2024” is not a real calendar date');
  });

  it('weight over 100%', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|150% >=|1|2|100,00%|'))).toEqual(['bad.txt:5 column Peso: error: the weight 150% is over 100% [weight-over-100]']);
  });

  it('duplicate code', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|I|100% >=|1|2|100,00%|', 'A.1 - Ancora||||||'))).toEqual([
      'bad.txt:6 column Obiettivo: error: the code A.1 is already used at line 4 [duplicate-code]',
    ]);
  });

  it('a code differing from an earlier one only by case', () => {
    expect(errors(table('A.b - Obiettivo||||||', '|I|100% >=|1|2|100,00%|', 'A.B - Ancora||||||'))).toEqual([
      'bad.txt:6 column Obiettivo: error: the code A.B is already used (as A.b: case does not tell codes apart) at line 4 [duplicate-code]',
    ]);
  });

  it('indicator before any objective', () => {
    expect(errors(table('|Indicatore|50% >=|1|2|100,00%|'))).toEqual(['bad.txt:4 column Indicatore: error: the indicator “Indicatore” comes before any objective [indicator-before-objective]']);
  });

  it('an objective without a code', () => {
    expect(errors(table('Customer satisfaction||||||'))[0]).toContain('bad.txt:4 column Obiettivo: error: the objective “Customer satisfaction” does not start with a code');
  });

  it('a missing comparator', () => {
    expect(errors(table('A.1 - Obiettivo||||||', '|Indicatore|50%|1|2|100,00%|'))[0]).toContain('has no comparator');
  });

  it('no header, empty file', () => {
    expect(errors('')).toEqual(['bad.txt: error: the file is empty [empty-file]']);
    expect(errors('just some words\nand more')).toEqual([
      'bad.txt: error: no header row (Obiettivo, Indicatore, Peso, Target, Consuntivo, Performance KPI, Performance Obiettivo; or in English Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance) was found [missing-header]',
    ]);
    // Either language's header is read, so both are named.
    expect(errors('A - Servizi\t\t\t\t\t\t')[0]).toBe(
      'bad.txt:1: error: the table must start with the header row (Obiettivo, Indicatore, Peso, …, or in English Objective, Indicator, Weight, …); found data first [missing-header]',
    );
  });
});

describe('an Italian-headed table written the English way', () => {
  const codes = (text: string): string[] => parsePublishedText(text, 't.txt').issues.map((i) => i.code);

  it('US dates and English decimals: one english-notation error first, then each cell', () => {
    const found = codes(table('A.1 - Obiettivo||||||', '|Data inoltro|50% <=|09/30/2024|10/01/2024|0.00%|', '|Ore|50% >=|500.50|1,587.10|100.00%|'));
    expect(found[0]).toBe('english-notation');
    expect(found.filter((c) => c === 'english-notation')).toHaveLength(1);
    expect(found).toContain('unparsable-target');
    expect(found).toContain('unparsable-actual');
  });

  it('a date either way reads (10/01/2024) is said at its cell, read day first as before', () => {
    const { issues } = parsePublishedText(table('A.1 - Obiettivo||||||', '|Data inoltro|50% <=|09/30/2024|10/01/2024|0.00%|', '|Ore|50% >=|500.50|1,587.10|100.00%|'), 't.txt');
    const ambiguous = issues.filter((i) => i.code === 'ambiguous-date');
    expect(ambiguous.map((i) => [i.severity, i.location?.line, i.location?.column])).toEqual([['error', 5, 'Consuntivo']]);
    expect(ambiguous[0]!.message).toContain('1 October 2024');
    // In an Italian table the same date is 10 January, as it always was, and nothing is said of it.
    const italian = parsePublishedText(table('A.1 - Obiettivo||||||', '|Data inoltro|50% <=|30/09/2024|10/01/2024|0,00%|', '|Altro|50% >=|1.5|2,5|0,00%|'), 't.txt');
    expect(italian.issues.map((i) => i.code)).not.toContain('ambiguous-date');
  });

  it('not when the Italian way is the table’s own (decimal commas, days after the 12th), nor in an English-headed table', () => {
    expect(codes(table('A.1 - Obiettivo||||||', '|Data|50% <=|30/09/2024|15/10/2024|0,00%|', '|Ore|50% >=|500,50|1.587,10|100,00%|', '|Altro|0% >=|1.5|2.5|0,00%|'))).not.toContain('english-notation');
    const english = table('A.1 - Objective||||||', '|Hours|100% >=|500.50|1,587.10|100.00%|').replace(HEADER, 'Objective\tIndicator\tWeight\tTarget\tActual\tKPI performance\tObjective performance');
    expect(codes(english)).not.toContain('english-notation');
  });
});

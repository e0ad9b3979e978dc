import { makeFinding, makeReport } from './sample-report';
import { fileLocation, groupFindings, objectKey, objectLabel, sourceGroup, summaryLine } from '../../../src/compliance/report/grouping';

describe('grouping', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', namespace: 'prod', name: 'web' };

  test('GIVEN namespaced and cluster-scoped objects THEN labels read Kind ns/name and Kind name', () => {
    expect(objectLabel(pod)).toBe('Pod prod/web');
    expect(objectLabel({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' })).toBe('ClusterRole admin');
    expect(objectLabel({ ...pod, namespace: '' })).toBe('Pod web');
  });

  test('GIVEN objects that differ in one identity field THEN their keys differ; the same object has the same key', () => {
    const keys = [pod, { ...pod, apiVersion: 'v2' }, { ...pod, kind: 'Job' }, { ...pod, namespace: undefined }, { ...pod, name: 'api' },
      { ...pod, namespace: 'prodw', name: 'eb' }].map(objectKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(objectKey({ ...pod })).toBe(keys[0]);
    expect(objectKey({ ...pod, namespace: '' })).toBe(keys[3]);
  });

  test('GIVEN construct paths and files THEN the source group is the chart, else the file, else (unknown source)', () => {
    expect(sourceGroup(makeFinding({ constructPath: 'web-chart/web/Resource', file: 'a.yaml' }))).toBe('web-chart');
    expect(sourceGroup(makeFinding({ constructPath: '/web-chart/web' }))).toBe('web-chart');
    expect(sourceGroup(makeFinding({ constructPath: '', file: 'a.yaml' }))).toBe('a.yaml');
    expect(sourceGroup(makeFinding({ constructPath: '/', file: 'a.yaml' }))).toBe('a.yaml');
    expect(sourceGroup(makeFinding({}))).toBe('(unknown source)');
  });

  test('GIVEN a file with or without a positive line THEN the location is file:line or file; no file gives undefined', () => {
    expect(fileLocation({ file: 'a.yaml', line: 3 })).toBe('a.yaml:3');
    expect(fileLocation({ file: 'a.yaml', line: 0 })).toBe('a.yaml');
    expect(fileLocation({ file: 'a.yaml' })).toBe('a.yaml');
    expect(fileLocation({ file: '', line: 3 })).toBeUndefined();
    expect(fileLocation({ line: 3 })).toBeUndefined();
  });

  test('GIVEN interleaved findings THEN groups keep the order of first appearance, by source then object, losing none', () => {
    const a = makeFinding({ constructPath: 'one/a', object: pod, path: '/1' });
    const b = makeFinding({ file: 'f.yaml', object: pod, path: '/2' });
    const c = makeFinding({ constructPath: 'one/b', object: { ...pod, name: 'api' }, path: '/3' });
    const d = makeFinding({ constructPath: 'one/a', object: pod, path: '/4' });
    const e = makeFinding({ constructPath: 'one/a', object: { ...pod, apiVersion: 'v2' }, path: '/5' });
    expect(groupFindings([a, b, c, d, e])).toEqual([
      { name: 'one', objects: [{ object: pod, findings: [a, d] }, { object: c.object, findings: [c] }, { object: e.object, findings: [e] }] },
      { name: 'f.yaml', objects: [{ object: pod, findings: [b] }] },
    ]);
    expect(groupFindings([])).toEqual([]);
  });

  test('GIVEN counts of one and of several THEN the summary line uses singular and plural, and input errors only when there are some', () => {
    const one = makeReport([makeFinding(), makeFinding({ severity: 'warning' }), makeFinding({ severity: 'info' }), makeFinding({ suppressed: true })], [{ message: 'x' }]);
    expect(summaryLine(one)).toBe('1 object checked: 1 error, 1 warning, 1 info, 1 suppressed; 1 input error');
    const many = makeReport([makeFinding(), makeFinding(), makeFinding({ severity: 'warning' }), makeFinding({ severity: 'warning' }),
      makeFinding({ severity: 'info' }), makeFinding({ severity: 'info' }), makeFinding({ suppressed: true }), makeFinding({ suppressed: true })],
    [{ message: 'x' }, { message: 'y' }], 2);
    expect(summaryLine(many)).toBe('2 objects checked: 2 errors, 2 warnings, 2 infos, 2 suppressed; 2 input errors');
    expect(summaryLine(makeReport([], [], 0))).toBe('0 objects checked: 0 errors, 0 warnings, 0 infos, 0 suppressed');
  });
});

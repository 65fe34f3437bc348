import { unstorableTextIssues } from './validation';

describe('text no store can keep', () => {
  it('names every string holding NUL or an unpaired surrogate, by its path from the input down', () => {
    expect(
      unstorableTextIssues({
        applicant: { name: '张\u0000三', idNumber: '11010519491231002X' },
        materials: ['书面申请', 'x\uD800', '\uDC00y'],
        reason: '😀 是成对的代理项',
        count: 3,
      }),
    ).toEqual([
      { field: 'applicant.name', message: 'must not contain NUL or unpaired surrogate characters' },
      { field: 'materials[1]', message: 'must not contain NUL or unpaired surrogate characters' },
      { field: 'materials[2]', message: 'must not contain NUL or unpaired surrogate characters' },
    ]);
    expect(unstorableTextIssues({ ok: '正常的文字', emoji: '👍🏽', nested: [{ a: 'b' }] })).toEqual([]);
  });
});

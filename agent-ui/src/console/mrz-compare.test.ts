import { describe, expect, it } from 'vitest';
import { application, capture } from '../test/journey-fixtures';
import { compareApplication, latestWithMrz, normaliseDate, normaliseName, sameValue } from './mrz-compare';

const TODAY = new Date('2026-11-29T12:00:00Z');

describe('folding names the way the MRZ writes them', () => {
  it('ignores case, diacritics, Vietnamese đ and the MRZ filler', () => {
    expect(normaliseName('Nguyễn Văn  Đức')).toBe('NGUYEN VAN DUC');
    expect(normaliseName('NGUYEN<VAN<DUC')).toBe('NGUYEN VAN DUC');
    expect(sameValue('surname', "  d'Artagnan-Élise ", 'D<ARTAGNAN<ELISE', TODAY)).toBe(true);
  });

  it('still tells different names apart', () => {
    expect(sameValue('given_names', 'Anne Marie', 'ANNA<MARIE', TODAY)).toBe(false);
  });
});

describe('reading dates', () => {
  it('accepts ISO, day.month.year, day/month/year and the MRZ’s YYMMDD as the same day', () => {
    for (const v of ['1990-03-07', '1990-03-07T00:00:00Z', '07.03.1990', '7/3/1990', '900307']) expect(normaliseDate(v, TODAY)).toBe('1990-03-07');
  });

  it('puts a two-digit birth year in the century that is not in the future', () => {
    expect(normaliseDate('051231', TODAY)).toBe('2005-12-31');
    expect(normaliseDate('301231', TODAY)).toBe('1930-12-31');
  });

  it('refuses days that do not exist, so they never compare equal', () => {
    expect(normaliseDate('1990-02-30', TODAY)).toBeNull();
    expect(sameValue('date_of_birth', '1990-02-30', '1990-02-30', TODAY)).toBe(false);
  });
});

describe('comparing the application with the document', () => {
  it('marks each field as the same, different or not on both sides', () => {
    const rows = compareApplication(
      application({ surname: 'Lê', given_names: 'Thị Hoa', date_of_birth: '1991-05-02', nationality: null }),
      capture('d1', 'back', { surname: 'LE', given_names: 'THI<HUA', birth_date: '1991-05-02', nationality: 'VNM' }),
      TODAY,
    );
    expect(rows.map((r) => [r.field, r.verdict])).toEqual([
      ['surname', 'match'],
      ['given_names', 'mismatch'],
      ['date_of_birth', 'match'],
      ['nationality', 'missing'],
    ]);
    expect(rows[1]).toMatchObject({ application: 'Thị Hoa', mrz: 'THI<HUA' });
  });

  it('counts an empty given name on both sides as agreeing (people with a single name)', () => {
    const rows = compareApplication(application({ surname: 'Suharto', given_names: '' }), capture('d1', 'front', { surname: 'SUHARTO', given_names: '' }), TODAY);
    expect(rows.find((r) => r.field === 'given_names')?.verdict).toBe('match');
  });

  it('has nothing to match against without an MRZ', () => {
    const rows = compareApplication(application({ surname: 'Dupont' }), null, TODAY);
    expect(rows.every((r) => r.verdict === 'missing')).toBe(true);
  });

  it('takes the latest capture that has an MRZ', () => {
    const docs = [capture('old', 'back', { surname: 'A' }, 1), capture('new', 'back', { surname: 'B' }, 3), capture('front', 'front', null, 5)];
    expect(latestWithMrz(docs)?.id).toBe('new');
  });
});

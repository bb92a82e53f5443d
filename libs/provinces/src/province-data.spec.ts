import { FORMER_PROVINCES, PROVINCES } from './province-data';
import { Region } from './region';

const unitCodes = new Set(PROVINCES.map((unit) => unit.code));
const formerByUnit = (code: string) => FORMER_PROVINCES.filter((former) => former.provinceCode === code);

/** The 11 units Resolution 202/2025/QH15 left as they were. */
const UNCHANGED = [
  'Thành phố Hà Nội',
  'Thành phố Huế',
  'Lai Châu',
  'Điện Biên',
  'Sơn La',
  'Lạng Sơn',
  'Quảng Ninh',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Cao Bằng',
];

describe('PROVINCES (units in force since 1 July 2025)', () => {
  it('has 34 units: 6 centrally-run cities and 28 provinces', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((unit) => unit.kind === 'city')).toHaveLength(6);
    expect(PROVINCES.filter((unit) => unit.kind === 'province')).toHaveLength(28);
  });

  it('names the six cities "Thành phố …"', () => {
    const cities = PROVINCES.filter((unit) => unit.kind === 'city')
      .map((unit) => unit.name)
      .sort();
    expect(cities).toEqual(
      ['Thành phố Cần Thơ', 'Thành phố Hà Nội', 'Thành phố Hải Phòng', 'Thành phố Hồ Chí Minh', 'Thành phố Huế', 'Thành phố Đà Nẵng'].sort(),
    );
    for (const unit of PROVINCES.filter((u) => u.kind === 'province')) expect(unit.name.startsWith('Thành phố')).toBe(false);
  });

  it('has unique two-digit codes', () => {
    expect(unitCodes.size).toBe(PROVINCES.length);
    for (const unit of PROVINCES) expect(unit.code).toMatch(/^\d{2}$/);
  });

  it('has unique names', () => {
    expect(new Set(PROVINCES.map((unit) => unit.name)).size).toBe(PROVINCES.length);
  });

  it.each([
    ['66', 'Đắk Lắk'],
    ['79', 'Thành phố Hồ Chí Minh'],
    ['38', 'Thanh Hóa'],
    ['56', 'Khánh Hòa'],
    ['68', 'Lâm Đồng'],
    ['75', 'Đồng Nai'],
    ['82', 'Đồng Tháp'],
    ['11', 'Điện Biên'],
    ['24', 'Bắc Ninh'],
    ['48', 'Thành phố Đà Nẵng'],
    ['44', 'Quảng Trị'],
  ])('writes unit %s with its Vietnamese diacritics as "%s"', (code, name) => {
    expect(PROVINCES.find((unit) => unit.code === code)?.name).toBe(name);
  });

  it('stores names in Unicode NFC form, so they compare equal to typed input', () => {
    for (const unit of PROVINCES) expect(unit.name).toBe(unit.name.normalize('NFC'));
  });

  it('has no name without diacritics except those that have none in Vietnamese', () => {
    const plainAscii = PROVINCES.filter((unit) => /^[\x20-\x7e]+$/.test(unit.name))
      .map((unit) => unit.name)
      .sort();
    expect(plainAscii).toEqual(['An Giang', 'Gia Lai']);
  });

  it('places every seat inside Vietnam (lat 8–24, lng 102–110)', () => {
    for (const unit of PROVINCES) {
      expect(unit.latitude).toBeGreaterThanOrEqual(8);
      expect(unit.latitude).toBeLessThanOrEqual(24);
      expect(unit.longitude).toBeGreaterThanOrEqual(102);
      expect(unit.longitude).toBeLessThanOrEqual(110);
    }
  });

  it('places Hà Nội north of Hồ Chí Minh City', () => {
    const hanoi = PROVINCES.find((unit) => unit.code === '01')!;
    const hcmc = PROVINCES.find((unit) => unit.code === '79')!;
    expect(hanoi.latitude).toBeGreaterThan(hcmc.latitude);
  });

  it('gives every unit a known default region', () => {
    const regions = new Set<string>(Object.values(Region));
    for (const unit of PROVINCES) expect(regions.has(unit.defaultRegion)).toBe(true);
  });
});

describe('FORMER_PROVINCES (the 63 units before the 2025 merger)', () => {
  it('has 63 units with unique codes and names', () => {
    expect(FORMER_PROVINCES).toHaveLength(63);
    expect(new Set(FORMER_PROVINCES.map((former) => former.code)).size).toBe(63);
    expect(new Set(FORMER_PROVINCES.map((former) => former.name)).size).toBe(63);
  });

  it('maps each former unit to an existing current unit', () => {
    for (const former of FORMER_PROVINCES) expect(unitCodes.has(former.provinceCode)).toBe(true);
  });

  it('gives every current unit at least one former unit', () => {
    for (const unit of PROVINCES) expect(formerByUnit(unit.code).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the code of a former unit for each current unit (the one hosting the new seat)', () => {
    for (const unit of PROVINCES) expect(formerByUnit(unit.code).map((former) => former.code)).toContain(unit.code);
  });

  it('leaves exactly the 11 unchanged units with a single former unit of the same code', () => {
    const unchanged = PROVINCES.filter((unit) => formerByUnit(unit.code).length === 1);
    expect(unchanged.map((unit) => unit.name).sort()).toEqual([...UNCHANGED].sort());
    for (const unit of unchanged) expect(formerByUnit(unit.code)[0].code).toBe(unit.code);
  });

  it('merges no more than three former units into one', () => {
    for (const unit of PROVINCES) expect(formerByUnit(unit.code).length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['74', 'Bình Dương', '79'],
    ['77', 'Bà Rịa - Vũng Tàu', '79'],
    ['54', 'Phú Yên', '66'],
    ['67', 'Đắk Nông', '68'],
    ['60', 'Bình Thuận', '68'],
    ['46', 'Thừa Thiên Huế', '46'],
    ['02', 'Hà Giang', '08'],
  ])('maps former unit %s (%s) into unit %s', (code, name, provinceCode) => {
    expect(FORMER_PROVINCES.find((former) => former.code === code)).toMatchObject({ name, provinceCode });
  });

  it('gives every former unit a known region', () => {
    const regions = new Set<string>(Object.values(Region));
    for (const former of FORMER_PROVINCES) expect(regions.has(former.region)).toBe(true);
  });

  it('stores former names in Unicode NFC form', () => {
    for (const former of FORMER_PROVINCES) expect(former.name).toBe(former.name.normalize('NFC'));
  });
});

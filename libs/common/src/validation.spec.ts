import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Min, ValidateNested } from 'class-validator';
import { DomainError, ValidationFailedError, ValidationIssue } from './domain-error';
import { createValidationPipe, toValidationIssues } from './validation';
import { IsIsoDate, IsLocalTime } from './validators';

enum Part {
  Ceremony = 'ceremony',
  Festivities = 'festivities',
}

class ItemDto {
  @IsString()
  @IsNotEmpty()
  title: string;

  @IsLocalTime()
  startTime: string;

  @IsInt()
  @Min(1)
  durationMinutes: number;
}

class ProgrammeDto {
  @IsIsoDate()
  date: string;

  @IsEnum(Part)
  part: Part;

  @IsOptional()
  @IsPositive()
  budget?: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];
}

function validBody(): Record<string, unknown> {
  return {
    date: '2027-08-19',
    part: 'ceremony',
    items: [
      { title: 'Chào cờ', startTime: '07:30', durationMinutes: 5 },
      { title: 'Văn nghệ', startTime: '07:35', durationMinutes: 25 },
    ],
  };
}

const pipe = createValidationPipe();
const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: ProgrammeDto });

async function issuesFor(value: unknown): Promise<ValidationIssue[]> {
  const error = await validate(value).then(
    () => {
      throw new Error('expected validation to fail');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ValidationFailedError);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' });
  return (error as ValidationFailedError).details as ValidationIssue[];
}

describe('createValidationPipe', () => {
  it('passes valid input through as an instance of the DTO, nested items included', async () => {
    const result = await validate(validBody());
    expect(result).toBeInstanceOf(ProgrammeDto);
    expect(result.items[0]).toBeInstanceOf(ItemDto);
    expect(result).toEqual(expect.objectContaining({ date: '2027-08-19', part: Part.Ceremony }));
    expect(result.items.map((item: ItemDto) => item.title)).toEqual(['Chào cờ', 'Văn nghệ']);
  });

  it('accepts an optional field left out and an empty list', async () => {
    await expect(validate({ ...validBody(), items: [] })).resolves.toBeInstanceOf(ProgrammeDto);
  });

  it('refuses an unknown property with "trường này không được phép"', async () => {
    expect(await issuesFor({ ...validBody(), isAdmin: true })).toEqual([{ field: 'isAdmin', messages: ['trường này không được phép'] }]);
  });

  it('refuses an unknown property inside a nested item, with its full path', async () => {
    const body = validBody();
    (body.items as Array<Record<string, unknown>>)[1].colour = 'đỏ';
    expect(await issuesFor(body)).toEqual([{ field: 'items.1.colour', messages: ['trường này không được phép'] }]);
  });

  it('names a bad nested field by its path, like items.0.title', async () => {
    const body = validBody();
    (body.items as Array<Record<string, unknown>>)[0].title = '';
    expect(await issuesFor(body)).toEqual([{ field: 'items.0.title', messages: ['không được để trống'] }]);
  });

  it('lists every failing constraint of a field in Vietnamese', async () => {
    const body = validBody();
    delete (body.items as Array<Record<string, unknown>>)[0].title;
    const issues = await issuesFor(body);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('items.0.title');
    expect(issues[0].messages).toEqual(expect.arrayContaining(['phải là chuỗi ký tự', 'không được để trống']));
    expect(issues[0].messages).toHaveLength(2);
  });

  it('lists each bad field once, across levels', async () => {
    const issues = await issuesFor({
      date: '2027-02-30',
      part: 'parade',
      items: [{ title: 'Chào cờ', startTime: '7:30', durationMinutes: 0 }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'date', messages: ['phải là ngày hợp lệ dạng YYYY-MM-DD'] },
        { field: 'part', messages: ['giá trị không thuộc danh sách cho phép'] },
        { field: 'items.0.startTime', messages: ['phải là giờ hợp lệ dạng HH:mm'] },
        { field: 'items.0.durationMinutes', messages: ['giá trị quá nhỏ'] },
      ]),
    );
    expect(issues).toHaveLength(4);
  });

  it('does not convert strings to numbers implicitly', async () => {
    const body = validBody();
    (body.items as Array<Record<string, unknown>>)[0].durationMinutes = '5';
    const issues = await issuesFor(body);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('items.0.durationMinutes');
    expect(issues[0].messages).toContain('phải là số nguyên');
  });

  it('refuses a list that is not a list', async () => {
    const issues = await issuesFor({ ...validBody(), items: 'Chào cờ' });
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('items');
    expect(issues[0].messages).toContain('phải là danh sách');
  });

  it('falls back to "giá trị không hợp lệ" for a constraint without a Vietnamese message', async () => {
    expect(await issuesFor({ ...validBody(), budget: -5 })).toEqual([{ field: 'budget', messages: ['giá trị không hợp lệ'] }]);
  });

  it('names every missing required field', async () => {
    const fields = (await issuesFor({})).map((issue) => issue.field).sort();
    expect(fields).toEqual(['date', 'items', 'part']);
  });
});

describe('toValidationIssues', () => {
  it('flattens a nested error tree into dotted paths, skipping nodes without their own constraints', () => {
    const issues = toValidationIssues([
      {
        property: 'items',
        children: [
          {
            property: '2',
            children: [{ property: 'title', constraints: { isString: 'x', maxLength: 'y' }, children: [] }],
          },
        ],
      },
      { property: 'email', constraints: { isEmail: 'z' }, children: [] },
    ]);
    expect(issues).toEqual([
      { field: 'items.2.title', messages: ['phải là chuỗi ký tự', 'quá dài'] },
      { field: 'email', messages: ['phải là địa chỉ e-mail hợp lệ'] },
    ]);
  });

  it('gives no issues for no errors', () => {
    expect(toValidationIssues([])).toEqual([]);
  });
});

/**
 * Strict input validation for every app: unknown fields are refused, types are converted, and the
 * refusal lists each field with a Vietnamese explanation.
 */
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError, ValidationIssue } from './domain-error';

const VIETNAMESE_MESSAGES: Record<string, string> = {
  whitelistValidation: 'trường này không được phép',
  isDefined: 'bắt buộc phải có',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isEnum: 'giá trị không thuộc danh sách cho phép',
  isIn: 'giá trị không thuộc danh sách cho phép',
  isUuid: 'phải là mã định danh (UUID) hợp lệ',
  isEmail: 'phải là địa chỉ e-mail hợp lệ',
  isArray: 'phải là danh sách',
  arrayMinSize: 'danh sách quá ngắn',
  arrayMaxSize: 'danh sách quá dài',
  arrayUnique: 'danh sách có phần tử trùng lặp',
  min: 'giá trị quá nhỏ',
  max: 'giá trị quá lớn',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  isLatitude: 'vĩ độ không hợp lệ',
  isLongitude: 'kinh độ không hợp lệ',
  isIsoDate: 'phải là ngày hợp lệ dạng YYYY-MM-DD',
  isLocalTime: 'phải là giờ hợp lệ dạng HH:mm',
  matches: 'không đúng định dạng',
  isPhoneNumber: 'số điện thoại không hợp lệ',
  nestedValidation: 'phải là đối tượng hợp lệ',
  isObject: 'phải là đối tượng',
};

function describe(constraint: string): string {
  return VIETNAMESE_MESSAGES[constraint] ?? 'giá trị không hợp lệ';
}

/** Flattens class-validator's tree into `field.path: [messages]`. */
export function toValidationIssues(errors: ValidationError[], parent = ''): ValidationIssue[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: ValidationIssue[] = error.constraints ? [{ field, messages: Object.keys(error.constraints).map(describe) }] : [];
    return [...own, ...toValidationIssues(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(toValidationIssues(errors)),
  });
}

import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@app/common';

const ATTENDEE_KEY = /^(invitation|guest):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An attendee key in a path: `invitation:<uuid>` or `guest:<uuid>`, else 400. */
@Injectable()
export class AttendeeKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ATTENDEE_KEY.test(value)) {
      throw new ValidationFailedError([{ field: 'attendeeKey', messages: ['Mã người dự phải có dạng invitation:<uuid> hoặc guest:<uuid>.'] }]);
    }
    return value;
  }
}

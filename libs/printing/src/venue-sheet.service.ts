import { Injectable } from '@nestjs/common';
import { type Actor, canSeeVenueLeaders } from '@app/auth';
import { formatVietnameseDate, instantToLocalDate, instantToLocalTime, type PrintSection, renderPrintPdf } from '@app/common';
import { ASSIGNMENT_ROLE_NAMES, AssignmentsService } from '@app/leaders';
import { TASK_STATUS_NAMES, TasksService } from '@app/logistics';
import { PROGRAMME_PART_NAMES, ProgrammesService } from '@app/programmes';
import { ProvincesService } from '@app/provinces';
import { VENUE_STATUS_NAMES, VenuesService } from '@app/venues';
import { SheetPart } from './dto/venue-sheet.dto';

/**
 * A venue's printable sheet: its programme, checklist and guest list, as PDF. Each part is read through
 * its owning library with the reader's own rights, so a reader exports exactly what they may read: an
 * organizer their province's venues, a viewer everything but the guest list (leaders are need-to-know;
 * asked for explicitly, it is refused as the venue's leaders are).
 */
@Injectable()
export class VenueSheetService {
  constructor(
    private readonly venues: VenuesService,
    private readonly provinces: ProvincesService,
    private readonly programmes: ProgrammesService,
    private readonly tasks: TasksService,
    private readonly assignments: AssignmentsService,
  ) {}

  async pdf(venueId: string, requested: SheetPart[] | undefined, actor: Actor): Promise<{ filename: string; content: Buffer }> {
    const venue = await this.venues.get(venueId, actor);
    const parts = requested?.length
      ? requested
      : Object.values(SheetPart).filter((part) => part !== SheetPart.Guests || canSeeVenueLeaders(actor, venue.provinceCode));
    const province = await this.provinces.require(venue.provinceCode);
    const sections: PrintSection[] = [];
    for (const part of Object.values(SheetPart).filter((candidate) => parts.includes(candidate))) {
      if (part === SheetPart.Programme) {
        const items = await this.programmes.listItems(venue.id, actor);
        sections.push({
          heading: 'Chương trình',
          empty: 'Chưa có chương trình.',
          rows: items.map((item) => ({
            lead: `${item.startTime}–${item.endTime}`,
            text: [`${PROGRAMME_PART_NAMES[item.part]}: ${item.title}`, item.presenter ? `Thực hiện: ${item.presenter}` : '', item.notes ?? '']
              .filter(Boolean)
              .join(' — '),
          })),
        });
      } else if (part === SheetPart.Checklist) {
        const tasks = await this.tasks.list(venue.id, actor);
        sections.push({
          heading: 'Danh mục công việc chuẩn bị',
          empty: 'Chưa có công việc.',
          rows: tasks.map((task) => ({
            lead: task.dueDate ? `Hạn ${formatVietnameseDate(task.dueDate)}` : 'Chưa có hạn',
            text: [`☐ ${task.title}`, task.responsibleUnit, task.ownerName ? `Phụ trách: ${task.ownerName}` : '', TASK_STATUS_NAMES[task.status]]
              .filter(Boolean)
              .join(' — '),
          })),
        });
      } else {
        const guests = await this.assignments.listForVenue(venue.id, actor);
        sections.push({
          heading: 'Danh sách khách mời',
          empty: 'Chưa phân công lãnh đạo dự.',
          rows: guests.map((guest, index) => ({ lead: `${index + 1}. ${ASSIGNMENT_ROLE_NAMES[guest.role]}`, text: `${guest.fullName} — ${guest.title}` })),
        });
      }
    }
    const when = venue.scheduledDate
      ? `Ngày ${formatVietnameseDate(venue.scheduledDate)}${venue.startTime ? `, từ ${venue.startTime} đến ${venue.endTime}` : ''}`
      : 'Chưa xếp lịch';
    const now = new Date();
    const content = await renderPrintPdf({
      title: venue.name,
      lines: [
        [venue.hamletName, venue.communeName, province.name].filter(Boolean).join(', '),
        `Địa chỉ: ${venue.address}`,
        `${when} · Trạng thái: ${VENUE_STATUS_NAMES[venue.status]}`,
      ],
      sections,
      footer: `In lúc ${instantToLocalTime(now)} ngày ${formatVietnameseDate(instantToLocalDate(now))} (giờ Việt Nam) · ${actor.email}`,
    });
    return { filename: `diem-to-chuc-${venue.id.slice(0, 8)}.pdf`, content };
  }
}

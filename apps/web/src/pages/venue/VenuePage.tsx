import { ReactNode, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { client, data } from '../../api/client';
import { ErrorPanel, Loading } from '../../components/errors';
import { formatDate, wholeText } from '../../input';
import { AREA_FLAG_NAMES, HOST_KIND_NAMES, VENUE_TIER_NAMES, VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import { is, isOneOf } from '../../codes';
import { REGION_NAMES } from '@shared/provinces/src/region';
import { VENUE_STATUS_COLOURS, venueStatusName } from '../../labels';
import { canWrite, isPlanner, useProvinces, useUser } from '../../session';
import { PendingSubstitutes, VenueAnswers } from '../../components/InvitationParts';
import { BudgetLines } from './BudgetLines';
import { PrintActions } from './PrintActions';
import { ProgrammeEditor } from './ProgrammeEditor';
import { TasksBoard } from './TasksBoard';
import { VenueChangeProposals } from './VenueChangeProposals';
import { VenueLeaders } from './VenueLeaders';
import { PressSection } from './PressSection';
import { VenueDocumentsSection } from './VenueDocumentsSection';
import { VenueResultSection } from './VenueResultSection';
import { WorkflowActions } from './WorkflowActions';
import { isEditable } from './workflow';

/**
 * One festival point: details and workflow, then its parts (programme, logistics tasks, budget, leaders,
 * invitations' answers, change proposals) as folding sections, listed at the top to jump to.
 */
export function VenuePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { nameOf } = useProvinces();
  const venue = useQuery({ queryKey: ['venue', id], queryFn: () => data(client.GET('/api/venues/{id}', { params: { path: { id } } })), retry: false });
  useScrollToSection(!!venue.data);
  if (venue.error) return <ErrorPanel error={venue.error} />;
  if (!venue.data) return <Loading what="điểm tổ chức" />;
  const v = venue.data;
  const editable = isEditable(user, v);
  const sections: Array<{ id: string; title: string; body: ReactNode }> = [
    { id: 'chuong-trinh', title: 'Chương trình', body: <ProgrammeEditor venue={v} editable={editable} /> },
    { id: 'nhiem-vu', title: 'Nhiệm vụ hậu cần', body: <TasksBoard venue={v} editable={editable} /> },
    { id: 'kinh-phi', title: 'Dự toán kinh phí', body: <BudgetLines venue={v} editable={editable} /> },
  ];
  // Leaders' movements are need-to-know: viewers do not get them (as they get no export).
  if (canWrite(user)) {
    sections.push({ id: 'lanh-dao', title: 'Lãnh đạo dự', body: <VenueLeaders venue={v} /> });
    sections.push({
      id: 'tra-loi-giay-moi',
      title: 'Trả lời giấy mời',
      body: (
        <>
          {isPlanner(user) && <PendingSubstitutes venueId={v.id} />}
          <VenueAnswers venueId={v.id} />
        </>
      ),
    });
  }
  // Documents and the press are the province's and planners' (need-to-know, as the API holds it).
  if (canWrite(user)) {
    sections.push({ id: 'tai-lieu', title: 'Tài liệu', body: <VenueDocumentsSection venue={v} /> });
    if (isOneOf(v.status, [VenueStatus.Approved, VenueStatus.Scheduled, VenueStatus.Held])) {
      sections.push({ id: 'bao-chi', title: 'Báo chí', body: <PressSection venue={v} /> });
    }
  }
  // After the day: attendance, awards and the short report (recorded by the province or planners).
  if (isOneOf(v.status, [VenueStatus.Scheduled, VenueStatus.Held])) {
    sections.push({ id: 'ket-qua', title: 'Kết quả Ngày hội', body: <VenueResultSection venue={v} /> });
  }
  if (is(v.tier, VenueTier.Central)) {
    sections.push({ id: 'de-xuat-thay-doi', title: 'Đề xuất thay đổi địa điểm, thời gian', body: <VenueChangeProposals venue={v} /> });
  }
  return (
    <div className="venue-page">
      <p className="breadcrumbs">
        <Link to="/">Tổng quan</Link> › {v.name}
      </p>
      <section className="panel">
        <div className="title-row">
          <h1>{v.name}</h1>
          <span className="badge" data-testid="venue-status" style={{ background: VENUE_STATUS_COLOURS[v.status] }}>
            {venueStatusName(v.status)}
          </span>
        </div>
        <PrintActions venue={v} />
        <dl className="details">
          <dt>Địa bàn</dt>
          <dd>
            {[v.hamletName, v.communeName, nameOf(v.provinceCode)].filter(Boolean).join(', ')} ({REGION_NAMES[v.region]})
          </dd>
          <dt>Địa chỉ</dt>
          <dd>{v.address}</dd>
          <dt>Cấp</dt>
          <dd>{VENUE_TIER_NAMES[v.tier]}</dd>
          <dt>Loại đơn vị</dt>
          <dd>{HOST_KIND_NAMES[v.hostKind] ?? v.hostKind}</dd>
          {v.areaFlags.length > 0 && (
            <>
              <dt>Đặc điểm</dt>
              <dd>{v.areaFlags.map((flag) => AREA_FLAG_NAMES[flag] ?? flag).join(', ')}</dd>
            </>
          )}
          <dt>Dự kiến tham dự</dt>
          <dd>{wholeText(v.expectedAttendance)} người</dd>
          <dt>Lịch tổ chức</dt>
          <dd data-testid="venue-schedule">
            {v.scheduledDate ? `${formatDate(v.scheduledDate)}, ${v.startTime}–${v.endTime} (giờ Việt Nam)` : 'Chưa xếp lịch'}
            {!v.scheduledDate && v.candidateDates.length > 0 && ` · ngày dự kiến: ${v.candidateDates.map(formatDate).join(', ')}`}
          </dd>
          {v.coHost && (
            <>
              <dt>Đơn vị phối hợp</dt>
              <dd>{v.coHost}</dd>
            </>
          )}
          {(v.contactName || v.contactPhone || v.contactEmail) && (
            <>
              <dt>Liên hệ</dt>
              <dd>{[v.contactName, v.contactPhone, v.contactEmail].filter(Boolean).join(' · ')}</dd>
            </>
          )}
          {v.statusReason && (
            <>
              <dt>Lý do</dt>
              <dd>{v.statusReason}</dd>
            </>
          )}
        </dl>
        {editable && (
          <p>
            <Link className="button-link secondary" to={`/diem/${v.id}/sua`}>
              Sửa thông tin
            </Link>
          </p>
        )}
        <WorkflowActions key={v.version} venue={v} />
        {/* The festival day: who sits where, and the door (the province's organizers and planners). */}
        {canWrite(user) && (
          <p className="festival-day-links">
            <Link to={`/diem/${v.id}/le-tan`}>Lễ tân: thứ tự đại biểu và sơ đồ chỗ ngồi</Link>
            {' · '}
            <Link to={`/diem/${v.id}/diem-danh`}>Điểm danh khách ngày hội</Link>
          </p>
        )}
        {isPlanner(user) && (
          <p>
            <Link to={`/nhat-ky?entityType=venue&entityId=${v.id}`}>Xem nhật ký thay đổi của điểm này</Link>
          </p>
        )}
      </section>
      <nav className="section-links" aria-label="Các phần của trang">
        {sections.map((section) => (
          <a key={section.id} href={`#${section.id}`} onClick={() => unfold(section.id)}>
            {section.title}
          </a>
        ))}
      </nav>
      {sections.map((section) => (
        <VenueSection key={section.id} id={section.id} title={section.title}>
          {section.body}
        </VenueSection>
      ))}
    </div>
  );
}

/**
 * Links from notifications and e-mails name a section (`#nhiem-vu`, `#tra-loi-giay-moi`, built by the
 * API's CONSOLE_LINKS): once the venue is drawn, unfold that section and bring it into view (the
 * browser did not find it on load).
 */
function useScrollToSection(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const id = decodeURIComponent(hash.slice(1));
    unfold(id);
    document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

/** On a desk every section is unfolded; on a phone they start folded, so the page is a list of its parts. */
const WIDE_SCREEN = '(min-width: 800px)';

/** Unfolds a section (a link to it from the list of parts). */
function unfold(id: string) {
  const element = document.getElementById(id);
  if (element instanceof HTMLDetailsElement) element.open = true;
}

/** One part of the venue page, folding under its heading. */
function VenueSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open] = useState(() => window.matchMedia(WIDE_SCREEN).matches);
  return (
    <details className="panel venue-section" id={id} open={open}>
      <summary>
        <h2>{title}</h2>
      </summary>
      {children}
    </details>
  );
}

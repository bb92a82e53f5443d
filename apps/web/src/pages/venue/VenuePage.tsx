import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { client, data } from '../../api/client';
import { ErrorPanel, Loading } from '../../components/errors';
import { formatDate, wholeText } from '../../input';
import { AREA_FLAG_NAMES, HOST_KIND_NAMES, VENUE_TIER_NAMES, VenueTier } from '@shared/venues/src/venue.enums';
import { is } from '../../codes';
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
import { WorkflowActions } from './WorkflowActions';
import { isEditable } from './workflow';

/** One festival point: details, workflow, leaders, programme, logistics tasks and budget. */
export function VenuePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { nameOf } = useProvinces();
  const venue = useQuery({ queryKey: ['venue', id], queryFn: () => data(client.GET('/api/venues/{id}', { params: { path: { id } } })), retry: false });
  if (venue.error) return <ErrorPanel error={venue.error} />;
  if (!venue.data) return <Loading what="điểm tổ chức" />;
  const v = venue.data;
  const editable = isEditable(user, v);
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
        {isPlanner(user) && (
          <p>
            <Link to={`/nhat-ky?entityType=venue&entityId=${v.id}`}>Xem nhật ký thay đổi của điểm này</Link>
          </p>
        )}
      </section>
      {is(v.tier, VenueTier.Central) && (
        <section className="panel">
          <h2>Đề xuất thay đổi địa điểm, thời gian</h2>
          <VenueChangeProposals venue={v} />
        </section>
      )}
      {/* Leaders' movements are need-to-know: viewers do not get them (as they get no export). */}
      {canWrite(user) && (
        <section className="panel">
          <h2>Lãnh đạo dự</h2>
          <VenueLeaders venue={v} />
        </section>
      )}
      {canWrite(user) && (
        <section className="panel" aria-labelledby="answers-title">
          <h2 id="answers-title">Trả lời giấy mời</h2>
          {isPlanner(user) && <PendingSubstitutes venueId={v.id} />}
          <VenueAnswers venueId={v.id} />
        </section>
      )}
      <section className="panel">
        <h2>Chương trình</h2>
        <ProgrammeEditor venue={v} editable={editable} />
      </section>
      <section className="panel">
        <h2>Nhiệm vụ hậu cần</h2>
        <TasksBoard venue={v} editable={editable} />
      </section>
      <section className="panel">
        <h2>Dự toán kinh phí</h2>
        <BudgetLines venue={v} editable={editable} />
      </section>
    </div>
  );
}

import { FormEvent, useEffect, useState } from 'react';
import { DEFAULT_TOP_TIER_CAPS, DEFAULT_WEIGHTS, PREFERENCE_NAMES, PreferenceName } from '@shared/planning/src/planning-weights';
import { CENTRAL_CHIEF_GUEST_MIN_TIER, RANK_TIER_NAMES, RANK_TIER_ORDER, RankTier } from '@shared/leaders/src/rank-tier';
import { VENUE_TIER_NAMES, VenueTier } from '@shared/venues/src/venue.enums';
import { DateField } from '../../components/DateField';
import { ErrorPanel, FieldError, FormError } from '../../components/errors';
import { date, decimal, read, whole, wholeText } from '../../input';
import { ASSIGNMENT_ROLE_NAMES, ASSIGNMENT_ROLES, AssignmentRole } from '@shared/leaders/src/assignment.enums';
import { codeIn } from '../../codes';
import type { Leader, LeaderBan, LeaderParticipation, LeaderPin } from '../../api/models';
import { usePlannableVenues } from './planning-queries';

/** A leader taking part in the edition, with the title they are invited under that year (the pins and bans lists offer them). */
export type Participant = Pick<Leader, 'id' | 'fullName' | 'rankTier'> & Pick<LeaderParticipation, 'title'>;

const PREFERENCES = Object.keys(DEFAULT_WEIGHTS) as PreferenceName[];

/** The form as the planner filled it in (weights, caps and pinned dates as typed). */
export interface PlanningDraft {
  venueTier: VenueTier;
  defaultRequiredTier: RankTier;
  fresh: boolean;
  weights: Record<PreferenceName, string>;
  maxTopTierPerDay: string;
  maxTopTierPerProvinceDay: string;
  leaderPins: LeaderPin[];
  datePins: { venueId: string; date: string }[];
  bans: LeaderBan[];
}

/**
 * The request a draft makes: empty weights and caps left out (the solver's defaults), what is not a
 * number or a date refused under its field (`weights.spread`, `datePins.0.date`).
 */
export function requestOf(draft: PlanningDraft) {
  const { homeTies, preferredDate, priorityArea, spread, travel } = draft.weights;
  return read({
    venueTier: draft.venueTier,
    defaultRequiredTier: draft.defaultRequiredTier,
    fresh: draft.fresh,
    weights: {
      homeTies: decimal(homeTies),
      preferredDate: decimal(preferredDate),
      priorityArea: decimal(priorityArea),
      spread: decimal(spread),
      travel: decimal(travel),
    },
    maxTopTierPerDay: whole(draft.maxTopTierPerDay),
    maxTopTierPerProvinceDay: whole(draft.maxTopTierPerProvinceDay),
    leaderPins: draft.leaderPins.length ? draft.leaderPins : undefined,
    datePins: draft.datePins.length ? draft.datePins.map((pin) => ({ venueId: pin.venueId, date: date(pin.date, { required: true }) })) : undefined,
    bans: draft.bans.length ? draft.bans : undefined,
  });
}

/** How long typing pauses before the venue search goes to the API. */
const SEARCH_DELAY_MS = 250;

interface Props {
  editionId: string;
  participants: Participant[];
  pending: boolean;
  error: unknown;
  onRun: (draft: PlanningDraft) => void;
  /** The edition's window: a pinned date is picked inside it (the solver refuses a pin outside it, naming the window). */
  editionWindow?: { windowStart: string; windowEnd: string };
}

/**
 * The planner's request: which venues, how to weigh the preferences, the top-tier caps, and pins and
 * bans. Empty fields take the solver's defaults (shown as placeholders). What the planner typed stays
 * on a refusal; each field shows the API's reasons under it. The venues are the API's: how many the run
 * plans, and a page of them to pin or ban, found by the planner's words — never the whole edition.
 */
export function PlanningRunForm({ editionId, participants, pending, error, onRun, editionWindow }: Props) {
  const [venueTier, setVenueTier] = useState<VenueTier>(VenueTier.Central);
  const [requiredTier, setRequiredTier] = useState<RankTier>(CENTRAL_CHIEF_GUEST_MIN_TIER);
  const [fresh, setFresh] = useState(false);
  const [weights, setWeights] = useState<Record<PreferenceName, string>>({ homeTies: '', preferredDate: '', priorityArea: '', spread: '', travel: '' });
  const [perDay, setPerDay] = useState('');
  const [perProvinceDay, setPerProvinceDay] = useState('');
  const [leaderPins, setLeaderPins] = useState<LeaderPin[]>([]);
  const [datePins, setDatePins] = useState<{ venueId: string; date: string }[]>([]);
  const [bans, setBans] = useState<LeaderBan[]>([]);

  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  /** Names of the venues chosen in pins and bans, kept when a later search no longer finds them. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const plannable = usePlannableVenues(editionId, venueTier, '');
  const found = usePlannableVenues(editionId, venueTier, q);
  const choices = found.data?.items ?? [];
  const firstVenue = choices[0]?.id ?? '';
  /** Keeps the name of a venue just chosen (from the choices shown) for its select. */
  const choose = (venueId: string): string => {
    const venue = choices.find((choice) => choice.id === venueId);
    if (venue && chosen.get(venueId) !== venue.name) setChosen(new Map(chosen).set(venueId, venue.name));
    return venueId;
  };
  const firstLeader = participants[0]?.id ?? '';

  function submit(event: FormEvent) {
    event.preventDefault();
    onRun({
      venueTier,
      defaultRequiredTier: requiredTier,
      fresh,
      weights,
      maxTopTierPerDay: perDay,
      maxTopTierPerProvinceDay: perProvinceDay,
      leaderPins,
      datePins,
      bans,
    });
  }

  const venueSelect = (value: string, onChange: (id: string) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(event) => onChange(choose(event.target.value))}>
      {value && !choices.some((venue) => venue.id === value) && <option value={value}>{chosen.get(value) ?? value}</option>}
      {choices.map((venue) => (
        <option key={venue.id} value={venue.id}>
          {venue.name}
        </option>
      ))}
    </select>
  );
  const leaderSelect = (value: string, onChange: (id: string) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {participants.map((leader) => (
        <option key={leader.id} value={leader.id}>
          {leader.fullName} — {leader.title}
        </option>
      ))}
    </select>
  );
  const update = <T,>(rows: T[], index: number, change: Partial<T>) => rows.map((row, at) => (at === index ? { ...row, ...change } : row));

  return (
    <form className="planning-form" onSubmit={submit} noValidate aria-label="Thiết lập lượt lập kế hoạch">
      <fieldset>
        <legend>Phạm vi</legend>
        <label>
          Cấp điểm tổ chức
          <select value={venueTier} onChange={(event) => setVenueTier(codeIn(Object.values(VenueTier), event.target.value) ?? venueTier)}>
            {Object.values(VenueTier).map((tier) => (
              <option key={tier} value={tier}>
                {VENUE_TIER_NAMES[tier]}
              </option>
            ))}
          </select>
          <FieldError error={error} field="venueTier" />
        </label>
        <label>
          Cấp lãnh đạo dự chính tối thiểu
          <select value={requiredTier} onChange={(event) => setRequiredTier(codeIn(RANK_TIER_ORDER, event.target.value) ?? requiredTier)}>
            {Object.values(RankTier).map((tier) => (
              <option key={tier} value={tier}>
                {RANK_TIER_NAMES[tier]}
              </option>
            ))}
          </select>
          <FieldError error={error} field="defaultRequiredTier" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.target.checked)} />
          Lập mới từ đầu (không giữ phân công hiện hành)
        </label>
        <small className="muted" data-testid="plannable-count">
          {plannable.data ? wholeText(plannable.data.total) : '…'} điểm đã phê duyệt hoặc đã xếp lịch thuộc cấp này sẽ được lập kế hoạch.
          {venueTier !== VenueTier.Central && ' Các điểm dưới cấp Trung ương được lập theo từng tỉnh, thành phố ở máy xử lý nền.'}
        </small>
      </fieldset>

      <fieldset>
        <legend>Trọng số ưu tiên (0–100; để trống là mặc định)</legend>
        {PREFERENCES.map((name) => (
          <label key={name}>
            {PREFERENCE_NAMES[name]}
            <input
              inputMode="decimal"
              placeholder={String(DEFAULT_WEIGHTS[name])}
              value={weights[name]}
              onChange={(event) => setWeights({ ...weights, [name]: event.target.value })}
            />
            <FieldError error={error} field={`weights.${name}`} />
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Bảo vệ lãnh đạo cấp cao</legend>
        <label>
          Số lãnh đạo cấp cao tối đa mỗi ngày (toàn quốc)
          <input
            inputMode="numeric"
            placeholder={String(DEFAULT_TOP_TIER_CAPS.maxTopTierPerDay)}
            value={perDay}
            onChange={(event) => setPerDay(event.target.value)}
          />
          <FieldError error={error} field="maxTopTierPerDay" />
        </label>
        <label>
          Tối đa mỗi tỉnh, thành phố mỗi ngày
          <input
            inputMode="numeric"
            placeholder={String(DEFAULT_TOP_TIER_CAPS.maxTopTierPerProvinceDay)}
            value={perProvinceDay}
            onChange={(event) => setPerProvinceDay(event.target.value)}
          />
          <FieldError error={error} field="maxTopTierPerProvinceDay" />
        </label>
      </fieldset>

      <div className="venue-choice-search">
        <label>
          Tìm điểm để cố định hoặc không phân công
          <input
            type="search"
            placeholder="Tên điểm, xã, tỉnh…"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            // Enter searches (as typing does): it must not run the solver.
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          />
        </label>
        <small className="muted" aria-live="polite" data-testid="venue-choices">
          {found.data
            ? found.data.total > choices.length
              ? `Các ô chọn điểm hiện ${wholeText(choices.length)} trên ${wholeText(found.data.total)} điểm phù hợp; gõ tên để tìm điểm khác.`
              : `${wholeText(found.data.total)} điểm phù hợp.`
            : 'Đang tải các điểm…'}
        </small>
        {found.error && <ErrorPanel error={found.error} />}
      </div>

      <fieldset data-testid="leader-pins">
        <legend>Cố định lãnh đạo tại điểm</legend>
        {leaderPins.map((pin, index) => (
          <div className="pin-row" key={index}>
            {leaderSelect(pin.leaderId, (leaderId) => setLeaderPins(update(leaderPins, index, { leaderId })), `Lãnh đạo cố định ${index + 1}`)}
            {venueSelect(pin.venueId, (venueId) => setLeaderPins(update(leaderPins, index, { venueId })), `Điểm cố định ${index + 1}`)}
            <select
              aria-label={`Vai trò cố định ${index + 1}`}
              value={pin.role}
              onChange={(event) => setLeaderPins(update(leaderPins, index, { role: codeIn(ASSIGNMENT_ROLES, event.target.value) ?? pin.role }))}
            >
              {ASSIGNMENT_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ASSIGNMENT_ROLE_NAMES[role]}
                </option>
              ))}
            </select>
            <button type="button" className="link danger" onClick={() => setLeaderPins(leaderPins.filter((_, at) => at !== index))}>
              Bỏ
            </button>
            <FieldError error={error} field={`leaderPins.${index}.leaderId`} />
            <FieldError error={error} field={`leaderPins.${index}.venueId`} />
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={!firstVenue || !firstLeader}
          onClick={() => setLeaderPins([...leaderPins, { leaderId: firstLeader, venueId: choose(firstVenue), role: AssignmentRole.ChiefGuest }])}
        >
          Thêm lãnh đạo cố định
        </button>
      </fieldset>

      <fieldset data-testid="date-pins">
        <legend>Cố định ngày tổ chức</legend>
        {datePins.map((pin, index) => (
          <div className="pin-row" key={index}>
            {venueSelect(pin.venueId, (venueId) => setDatePins(update(datePins, index, { venueId })), `Điểm cố định ngày ${index + 1}`)}
            <DateField
              label={`Ngày cố định ${index + 1}`}
              aria-label={`Ngày cố định ${index + 1}`}
              value={pin.date}
              onChange={(value) => setDatePins(update(datePins, index, { date: value }))}
              min={editionWindow?.windowStart}
              max={editionWindow?.windowEnd}
            />
            <button type="button" className="link danger" onClick={() => setDatePins(datePins.filter((_, at) => at !== index))}>
              Bỏ
            </button>
            <FieldError error={error} field={`datePins.${index}.date`} />
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={!firstVenue}
          onClick={() => setDatePins([...datePins, { venueId: choose(firstVenue), date: '' }])}
        >
          Thêm ngày cố định
        </button>
      </fieldset>

      <fieldset data-testid="bans">
        <legend>Không phân công</legend>
        {bans.map((ban, index) => (
          <div className="pin-row" key={index}>
            {leaderSelect(ban.leaderId, (leaderId) => setBans(update(bans, index, { leaderId })), `Lãnh đạo không phân công ${index + 1}`)}
            {venueSelect(ban.venueId, (venueId) => setBans(update(bans, index, { venueId })), `Điểm không phân công ${index + 1}`)}
            <button type="button" className="link danger" onClick={() => setBans(bans.filter((_, at) => at !== index))}>
              Bỏ
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={!firstVenue || !firstLeader}
          onClick={() => setBans([...bans, { leaderId: firstLeader, venueId: choose(firstVenue) }])}
        >
          Thêm điều kiện không phân công
        </button>
      </fieldset>

      <FormError
        error={error}
        fields={[
          'venueTier',
          'defaultRequiredTier',
          'maxTopTierPerDay',
          'maxTopTierPerProvinceDay',
          ...PREFERENCES.map((name) => `weights.${name}`),
          ...leaderPins.flatMap((_, index) => [`leaderPins.${index}.leaderId`, `leaderPins.${index}.venueId`]),
          ...datePins.map((_, index) => `datePins.${index}.date`),
        ]}
      />
      <button type="submit" disabled={pending}>
        {pending ? 'Đang lập phương án…' : 'Chạy lập kế hoạch'}
      </button>
    </form>
  );
}

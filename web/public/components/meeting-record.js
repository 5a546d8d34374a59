// The two conferences as records (issue 12): what is scheduled and recorded, for everyone; for the head, the forms to
// schedule a conference (date, place, host unit, chair, agenda: the units are invited), to record it once held (the
// people present per unit, the guests) and to annul it with a reason so that it can be held again.
import { card, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { refreshSoon } from '../lib/live.js';
import { actForm } from '../lib/forms.js';

const KINDS = ['yearEnd', 'midYear'];
const kindOptions = () => KINDS.map((k) => [k, t(`meetingRecord.kind.${k}`)]);
/** `2027-01-04T08:00` typed in Vietnam time → an ISO date-time with its offset. */
const vnInstant = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}+07:00` : undefined);
/** One person a line: `Họ tên, chức vụ` (the last comma separates the post). */
function people(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf(',');
      return i < 0 ? { name: l, title: '' } : { name: l.slice(0, i).trim(), title: l.slice(i + 1).trim() };
    });
}
/** One guest a line: `Họ tên; chức vụ; cơ quan`. */
function guests(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', title = '', organisation = ''] = l.split(';').map((x) => x.trim());
      return { name, title, organisation };
    });
}

function recordView(m, r) {
  const rows = [
    [t('meetingRecord.when'), fmt.dateTime(r.startedAt ?? r.at)],
    [t('meetingRecord.place'), r.place],
    [t('meetingRecord.host'), m.nameOf(r.hostUnitId)],
    [t('meetingRecord.chair'), `${r.chair.name}, ${r.chair.title}`],
  ];
  return h(
    'div',
    { class: 'meeting-record', 'data-kind': r.kind },
    h('h3', {}, t(`meetingRecord.kind.${r.kind}`), ' · ', t(`meetingRecord.status.${r.status}`)),
    h(
      'dl',
      {},
      rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h('p', {}, `${t('meetingRecord.agenda')}:`),
    h(
      'ol',
      {},
      r.agenda.map((a) => h('li', {}, a)),
    ),
    r.attendance
      ? h(
          'ul',
          { 'aria-label': t('meetingRecord.attendance') },
          r.attendance.map((a) =>
            h('li', {}, `${m.nameOf(a.unitId)}: ${a.people.map((p) => `${p.name} (${p.title})`).join(', ')}`),
          ),
        )
      : '',
    r.guests?.length
      ? h(
          'ul',
          { 'aria-label': t('meetingRecord.guests') },
          r.guests.map((g) => h('li', {}, `${g.name}, ${g.title}, ${g.organisation}`)),
        )
      : '',
  );
}

function headForms(m) {
  const send = (path) => (body, key) => api.act(m.id, path, body, key);
  const schedule = actForm({
    id: 'schedule-meeting',
    title: t('meetingRecord.scheduleTitle'),
    intro: t('meetingRecord.scheduleIntro'),
    submitLabel: t('meetingRecord.scheduleSubmit'),
    okText: () => t('meetingRecord.scheduled'),
    collect: () => ({
      kind: sKind.value,
      at: vnInstant(sAt.value),
      place: sPlace.value,
      hostUnitId: sHost.value,
      chair: { name: sChair.value, title: sChairTitle.value },
      agenda: sAgenda.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    }),
    send: send('/meetings/schedule'),
    onDone: refreshSoon,
  });
  const sKind = schedule.field({
    name: 'kind',
    label: t('meetingRecord.kind'),
    type: 'select',
    options: kindOptions(),
  });
  const sAt = schedule.field({ name: 'at', label: t('meetingRecord.when'), type: 'datetime-local' });
  const sPlace = schedule.field({ name: 'place', label: t('meetingRecord.place') });
  const sHost = schedule.field({
    name: 'hostUnitId',
    label: t('meetingRecord.host'),
    type: 'select',
    options: m.units.map((u) => [u.unitId, u.name]),
  });
  const sChair = schedule.field({ name: 'chairName', path: ['chair', 'name'], label: t('meetingRecord.chairName') });
  const sChairTitle = schedule.field({
    name: 'chairTitle',
    path: ['chair', 'title'],
    label: t('meetingRecord.chairTitle'),
  });
  const sAgenda = schedule.field({
    name: 'agenda',
    label: t('meetingRecord.agenda'),
    type: 'textarea',
    hint: t('meetingRecord.oneALine'),
  });

  const record = actForm({
    id: 'record-meeting',
    title: t('meetingRecord.recordTitle'),
    intro: t('meetingRecord.recordIntro'),
    submitLabel: t('meetingRecord.recordSubmit'),
    okText: () => t('meetingRecord.recorded'),
    collect: () => ({
      kind: rKind.value,
      ...(rStart.value ? { startedAt: vnInstant(rStart.value) } : {}),
      endedAt: vnInstant(rEnd.value),
      attendance: perUnit
        .map(([unitId, input]) => ({ unitId, people: people(input.value) }))
        .filter((a) => a.people.length > 0),
      guests: guests(rGuests.value),
    }),
    send: send('/meetings/record'),
    onDone: refreshSoon,
  });
  const rKind = record.field({ name: 'kind', label: t('meetingRecord.kind'), type: 'select', options: kindOptions() });
  const rStart = record.field({ name: 'startedAt', label: t('meetingRecord.startedAt'), type: 'datetime-local' });
  const rEnd = record.field({ name: 'endedAt', label: t('meetingRecord.endedAt'), type: 'datetime-local' });
  const perUnit = m.units.map((u, i) => [
    u.unitId,
    record.field({
      name: `attendance-${u.unitId}`,
      path: ['attendance', i],
      label: t('meetingRecord.peopleOf', { unit: u.name }),
      type: 'textarea',
      rows: 2,
      hint: t('meetingRecord.personHint'),
    }),
  ]);
  const rGuests = record.field({
    name: 'guests',
    label: t('meetingRecord.guests'),
    type: 'textarea',
    hint: t('meetingRecord.guestHint'),
  });

  const annul = actForm({
    id: 'annul-meeting',
    title: t('meetingRecord.annulTitle'),
    intro: t('meetingRecord.annulIntro'),
    submitLabel: t('meetingRecord.annulSubmit'),
    okText: () => t('meetingRecord.annulled'),
    collect: () => ({ kind: aKind.value, reason: aReason.value }),
    send: send('/meetings/annul'),
    onDone: refreshSoon,
  });
  const aKind = annul.field({ name: 'kind', label: t('meetingRecord.kind'), type: 'select', options: kindOptions() });
  const aReason = annul.field({ name: 'reason', label: t('meetingRecord.reason'), type: 'textarea' });
  return [schedule.form, record.form, annul.form];
}

/** The units' own movements launched with the plan (Plan.movements), for the plan card. */
export function movementList(m, movements) {
  return h(
    'ul',
    { class: 'movements' },
    movements.map((mv) =>
      h(
        'li',
        {},
        t('plan.movement', {
          unit: m.nameOf(mv.unitId),
          name: mv.name,
          theme: mv.theme,
          date: fmt.date(mv.launchDate),
        }),
      ),
    ),
  );
}

export function meetingRecordCard(m) {
  const meetings = m.view.meetings ?? { midYear: null, yearEnd: null, annulled: [] };
  const current = KINDS.map((k) => meetings[k]).filter(Boolean);
  const content = [
    current.length ? current.map((r) => recordView(m, r)) : h('p', {}, t('meetingRecord.none')),
    meetings.annulled.length
      ? h(
          'ul',
          { class: 'annulled', 'aria-label': t('meetingRecord.annulledList') },
          meetings.annulled.map((r) =>
            h('li', {}, `${t(`meetingRecord.kind.${r.kind}`)}, ${r.place}: ${r.annulReason}`),
          ),
        )
      : '',
  ];
  if (m.isHead && m.phase !== 'closed') content.push(...headForms(m));
  const section = card(t('meetingRecord.title'), ...content);
  section.id = 'meeting-record';
  return section;
}

import { HALF_DAY_LABELS, type RoomView, type VenueView } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { venuesApi } from '../../api/client';
import type { ExamUnit } from '../../api/types';
import { ConfirmDelete, ErrorBanner, Field } from '../../components/ui';
import { useAction } from '../../hooks';

export interface VenueFormValues {
  name: string;
  address: string;
  contact: string | null;
}

const VENUE_FIELDS: Array<[keyof VenueFormValues, string, string]> = [
  ['name', '考点名称', 'venueName'],
  ['address', '考点地址', 'venueAddress'],
  ['contact', '联系人/电话', 'venueContact'],
];

/** A venue's name, address and contact. */
export function VenueForm({
  initial,
  submitText,
  onSave,
}: {
  initial: VenueFormValues | null;
  submitText: string;
  onSave: (values: VenueFormValues) => Promise<unknown>;
}) {
  const [values, setValues] = useState<VenueFormValues>(initial ?? { name: '', address: '', contact: '' });
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => onSave(values).then(() => true));
    if (saved && !initial) setValues({ name: '', address: '', contact: '' });
  };
  return (
    <form className="form" onSubmit={submit} aria-label={initial ? '考点信息' : '新增考点'}>
      <div className="grid-3">
        {VENUE_FIELDS.map(([key, label, name]) => (
          <Field key={key} label={label}>
            <input
              name={name}
              value={values[key] ?? ''}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            />
          </Field>
        ))}
      </div>
      <ErrorBanner message={action.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.pending}>
          {submitText}
        </button>
      </div>
    </form>
  );
}

/** One venue: its details, rooms (edit, delete, add) and its closures for the period's units. */
export function VenueCard({
  venue,
  units,
  showCounty,
  onChanged,
}: {
  venue: VenueView;
  units: ExamUnit[];
  showCounty: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const closed = new Set(venue.closures.map((c) => c.unitId));
  /** Runs a change; true once saved (the list reloads), false when refused (the reason shows on the card). */
  const change = async (work: () => Promise<unknown>): Promise<boolean> => {
    const saved = (await action.run(() => work().then(() => true))) === true;
    if (saved) onChanged();
    return saved;
  };

  return (
    <section className="card" aria-label={`考点 ${venue.name}`}>
      <div className="section-title">
        <h2>
          {venue.name}
          {showCounty && <span className="muted">（{venue.countyName}）</span>}
        </h2>
        <span className="muted">
          {venue.address}
          {venue.contact ? ` · ${venue.contact}` : ''} · {venue.rooms.length} 个考场，{venue.totalSeats} 个座位
        </span>
        <button type="button" className="link" onClick={() => setEditing(!editing)}>
          {editing ? '收起' : '编辑考点'}
        </button>
        <DeleteLink onDelete={() => change(() => venuesApi.remove(venue.id))} />
      </div>
      {editing && (
        <VenueForm
          initial={{ name: venue.name, address: venue.address, contact: venue.contact }}
          submitText="保存考点"
          onSave={async (values) => {
            await venuesApi.update(venue.id, values);
            setEditing(false);
            onChanged();
          }}
        />
      )}
      <ErrorBanner message={action.error} />
      <table className="table compact" aria-label={`${venue.name}考场`}>
        <thead>
          <tr>
            <th className="num">考场号</th>
            <th className="num">座位数</th>
            <th>备注（楼层等）</th>
            <th className="num">已编排</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {venue.rooms.map((room) => (
            <RoomRow
              key={room.id}
              room={room}
              onSave={(input) => change(() => venuesApi.updateRoom(venue.id, room.id, input))}
              onDelete={() => change(() => venuesApi.removeRoom(venue.id, room.id))}
            />
          ))}
          <NewRoomRow
            next={Math.max(0, ...venue.rooms.map((r) => r.roomNo)) + 1}
            onAdd={(input) => change(() => venuesApi.addRoom(venue.id, input))}
          />
        </tbody>
      </table>
      {units.length > 0 && (
        <div className="venue-closures" aria-label={`${venue.name}停用单元`}>
          <span className="muted">停用：</span>
          {units.map((unit) => (
            <label key={unit.id}>
              <input
                type="checkbox"
                checked={closed.has(unit.id)}
                disabled={action.pending}
                onChange={(e) =>
                  change(() =>
                    e.target.checked ? venuesApi.close(venue.id, unit.id) : venuesApi.reopen(venue.id, unit.id),
                  )
                }
              />
              {unit.code} {unit.examDate} {HALF_DAY_LABELS[unit.halfDay]}
            </label>
          ))}
        </div>
      )}
    </section>
  );
}

interface RoomValues {
  roomNo: string;
  seats: string;
  note: string;
}

const roomInput = (v: RoomValues) => ({ roomNo: Number(v.roomNo), seats: Number(v.seats), note: v.note || null });

const ROOM_FIELDS: Array<[keyof RoomValues, string, string, boolean]> = [
  ['roomNo', '考场号', 'roomNo', true],
  ['seats', '座位数', 'roomSeats', true],
  ['note', '备注', 'roomNote', false],
];

function RoomCells({ values, set }: { values: RoomValues; set: (v: RoomValues) => void }) {
  return (
    <>
      {ROOM_FIELDS.map(([key, label, name, numeric]) => (
        <td key={key} className={numeric ? 'num' : undefined}>
          <input
            name={name}
            aria-label={label}
            inputMode={numeric ? 'numeric' : undefined}
            size={numeric ? 4 : undefined}
            value={values[key]}
            onChange={(e) => set({ ...values, [key]: e.target.value })}
          />
        </td>
      ))}
    </>
  );
}

function RoomRow({
  room,
  onSave,
  onDelete,
}: {
  room: RoomView;
  onSave: (input: ReturnType<typeof roomInput>) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}) {
  const initial = { roomNo: String(room.roomNo), seats: String(room.seats), note: room.note ?? '' };
  const [values, setValues] = useState<RoomValues>(initial);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <tr>
      <RoomCells values={values} set={setValues} />
      <td className="num">{room.assigned}</td>
      <td>
        {dirty && (
          <button type="button" className="link" onClick={() => void onSave(roomInput(values))}>
            保存
          </button>
        )}
        <DeleteLink onDelete={onDelete} />
      </td>
    </tr>
  );
}

function NewRoomRow({
  next,
  onAdd,
}: {
  next: number;
  onAdd: (input: ReturnType<typeof roomInput>) => Promise<boolean>;
}) {
  const [values, setValues] = useState<RoomValues>({ roomNo: '', seats: '30', note: '' });
  return (
    <tr>
      <RoomCells values={{ ...values, roomNo: values.roomNo || String(next) }} set={setValues} />
      <td />
      <td>
        <button
          type="button"
          className="link"
          onClick={async () => {
            const added = await onAdd(roomInput({ ...values, roomNo: values.roomNo || String(next) }));
            if (added) setValues({ roomNo: '', seats: values.seats, note: '' });
          }}
        >
          添加考场
        </button>
      </td>
    </tr>
  );
}

/** 删除 that asks 确认删除 / 取消 in place first. */
function DeleteLink({ onDelete }: { onDelete: () => Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  return (
    <ConfirmDelete
      asking={asking}
      onAsk={() => setAsking(true)}
      onCancel={() => setAsking(false)}
      onConfirm={() => {
        setAsking(false);
        void onDelete();
      }}
    />
  );
}

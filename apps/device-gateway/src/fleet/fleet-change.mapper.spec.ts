import { LICENSE_EVENTS, type SwitchEvent } from '@fleetlic/contracts';
import { changeOfEvent, changeOfLifecycle, foldChanges } from './fleet-change.mapper';

const base = { switchId: '7f0c2a8e-3b1d-4c5e-9f6a-1b2c3d4e5f60', switch: 'sw-1', at: '2022-06-22T16:15:41.000Z', severity: 'info', message: 'm', data: {} };
const ev = (id: string, name: string, extra: Partial<SwitchEvent> = {}) => ({ ...base, id, name, ...extra }) as SwitchEvent;

it('prefers the fields the agent sets, and derives the rest from SPEC §13 data', () => {
  expect(changeOfEvent(ev('5', LICENSE_EVENTS.AUTH_RENEW_FAILED, { data: { reason: 'no path' }, registration: 'REGISTERED' }))).toMatchObject({ eventId: '5', failureReason: 'no path', deadlineAt: undefined });
  expect(changeOfEvent(ev('6', LICENSE_EVENTS.AUTH_RENEW_FAILED, { data: { reason: 'no path' }, failureReason: 'explicit' })).failureReason).toBe('explicit');
  expect(changeOfEvent(ev('7', LICENSE_EVENTS.EVAL_START, { data: { remainingSeconds: 60 } })).evalEndsAt).toBe('2022-06-22T16:16:41.000Z');
  expect(changeOfEvent(ev('8', LICENSE_EVENTS.AGENT_DEREG_SUCCESS, { registration: 'UNREGISTERED' }))).toMatchObject({ deadlineAt: null, certExpiresAt: null, failureReason: null });
  expect(changeOfEvent(ev('x-1', LICENSE_EVENTS.COMM_RESTORED)).eventId).toBeNull();
});

it('folds a batch into one change per switch, later fields winning, highest id kept', () => {
  const [c] = foldChanges([
    changeOfEvent(ev('9', LICENSE_EVENTS.AGENT_REG_FAILED, { registration: 'UNREGISTERED - REGISTRATION FAILED', data: { reason: 'r' } })),
    changeOfEvent(ev('10', LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: 'REGISTERED', deadlineAt: '2022-09-20T16:15:41.000Z' })),
    changeOfEvent(ev('11', LICENSE_EVENTS.EVAL_EXPIRY_WARNING, { data: {} })),
  ]);
  expect(c).toMatchObject({ registration: 'REGISTERED', failureReason: null, deadlineAt: '2022-09-20T16:15:41.000Z', eventId: '11' });
});

it('never lets a creation override what an event of the batch said', () => {
  const created = changeOfLifecycle({ id: 'c', switchId: base.switchId, switch: 'sw-1', kind: 'created', at: base.at, registration: 'UNREGISTERED', authorization: 'EVAL MODE' });
  const [late] = foldChanges([changeOfEvent(ev('12', LICENSE_EVENTS.AUTH_RENEW_SUCCESS, { registration: 'REGISTERED', authorization: 'AUTHORIZED' })), created]);
  expect(late).toMatchObject({ registration: 'REGISTERED', authorization: 'AUTHORIZED', eventId: '12', creation: false });
  const [first] = foldChanges([created, changeOfEvent(ev('13', LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: 'REGISTERED' }))]);
  expect(first).toMatchObject({ registration: 'REGISTERED', authorization: 'EVAL MODE', eventId: '13', creation: false });
  expect(foldChanges([created])[0].creation).toBe(true);
});

import { defaultCallhome } from '@fleetlic/contracts';
import { initialAgentState } from '@fleetlic/licensing-domain';
import { fromStoredState, toStoredState } from './stored-state';

const callhome = defaultCallhome('https://cssm.example/its/service/oddce/services/DDCEService');
const state = initialAgentState({ pid: 'N9K-C93180YC-FX', serialNumber: 'FDO1', nxosVersion: '9.3(5)' }, 0, callhome);
const columns = { pid: 'N9K-C93180YC-FX', serial_number: 'FDO1', nxos_version: '9.3(5)', callhome };

describe('the stored agent state', () => {
  it('leaves out the identity and the Call Home config the row columns hold, and reads back equal', () => {
    const stored = toStoredState(state, callhome);
    expect(stored).not.toHaveProperty('identity');
    expect(stored).not.toHaveProperty('callhome');
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(state).length - 250);
    expect(fromStoredState(JSON.parse(JSON.stringify(stored)), columns)).toEqual(state);
  });

  it('keeps a Call Home config that differs from the column, null included', () => {
    const off = { ...state, callhome: null };
    expect(fromStoredState(toStoredState(off, callhome), columns)).toEqual(off);
  });

  it('reads a row written with the whole state unchanged', () => {
    expect(fromStoredState(state, { ...columns, pid: 'other' })).toEqual(state);
  });
});

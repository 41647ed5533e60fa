import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../src/renderer/navigation/routes';
import { controlKeys } from '../../src/core/assessment/control-key';
import { routeToControl } from '../../src/renderer/features/assessment/control-keys';

const ID = '9c07104c-5e95-47e7-82f6-0a91cff01923';

describe('control keys on a catalog page', () => {
  it('names the controls of the first catalog by ID and of the others with their catalog', () => {
    const first = controlKeys('');
    const second = controlKeys('meti-cloud-2013:');
    expect(first.keyOf('5.1.1')).toBe('5.1.1');
    expect(second.keyOf('5.1.1')).toBe('meti-cloud-2013:5.1.1');
    expect(first.idOf('meti-cloud-2013:5.1.1')).toBeNull();
    expect(second.idOf('5.1.1')).toBeNull();
    expect(second.idOf('meti-cloud-2013:5.1.1')).toBe('5.1.1');
    expect(second.idOf('ipa-web-meeting:S-1.1')).toBeNull();
  });

  it('opens the right catalog page for a control of another catalog, the first one included, and the address survives a reload', () => {
    const toFirst = routeToControl(ID, 'A.5.1.1');
    expect(toFirst).toEqual({ name: 'assessment', id: ID, control: 'A.5.1.1' });
    const toOther = routeToControl(ID, 'pci-dss:A3.2.5');
    expect(toOther).toEqual({ name: 'assessment', id: ID, catalog: 'pci-dss', control: 'A3.2.5' });
    expect(parseRoute(href(toOther))).toEqual(toOther);
    expect(parseRoute(href(toFirst))).toEqual(toFirst);
  });
});

import { describe, expect, it } from 'vitest';
import { assertMayWipe } from '../../support/database.ts';

describe('clearing the test database', () => {
  it('is allowed on the database the run started, or on an external one only when explicitly allowed', () => {
    expect(() => assertMayWipe(true, undefined)).not.toThrow();
    expect(() => assertMayWipe(false, '1')).not.toThrow();
  });

  it('is refused on an external database without ENTENTE_TEST_USE_EXTERNAL=1', () => {
    expect(() => assertMayWipe(false, undefined)).toThrow(/ENTENTE_TEST_USE_EXTERNAL=1/);
    expect(() => assertMayWipe(false, 'yes')).toThrow(/did not start/);
  });
});

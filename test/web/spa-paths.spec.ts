import { WEB_APP_SECTIONS as SERVED } from '../../apps/api/src/web/spa-paths';
import { WEB_APP_SECTIONS } from '../../apps/web/src/shared/paths';

describe('the web app’s sections', () => {
  it('are the paths the API serves the app’s page at', () => {
    expect([...SERVED].sort()).toEqual([...WEB_APP_SECTIONS].sort());
  });
});

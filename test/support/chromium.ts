import { resolveChromium } from '../../src/main/report/render/pdf';

/**
 * Tests, the bench and the screenshot script drive the same Chromium the app prints reports with (Debian's package
 * in CI; TENKEN_CHROMIUM overrides). Playwright never downloads a browser here.
 */
export const chromiumPath = (): string => resolveChromium();
export { CHROMIUM_ARGS } from '../../src/main/report/render/pdf';

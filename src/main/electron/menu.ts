import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';

/**
 * The application menu in the user's language (rebuilt when the language setting changes). "Toggle DevTools" only in
 * development: a packaged app has neither the item nor DevTools (window-options.ts).
 */
export function menuTemplate(
  t: TFunction,
  platform: NodeJS.Platform,
  opts: { packaged: boolean } = { packaged: true },
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac
      ? [
          {
            label: 'Tenken',
            submenu: [
              { role: 'about' as const, label: t('menu.about') },
              { type: 'separator' as const },
              { role: 'quit' as const, label: t('menu.quit') },
            ],
          },
        ]
      : []),
    {
      label: t('menu.file'),
      submenu: [
        mac ? { role: 'close' as const, label: t('menu.close') } : { role: 'quit' as const, label: t('menu.quit') },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'reload', label: t('menu.reload') },
        ...(opts.packaged ? [] : [{ role: 'toggleDevTools' as const, label: t('menu.devTools') }]),
        { type: 'separator' },
        { role: 'resetZoom', label: t('menu.resetZoom') },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.fullscreen') },
      ],
    },
    { label: t('menu.window'), role: 'windowMenu' },
  ];
}

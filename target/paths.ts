/** Fixed paths of the page contract (the bundled config profile points at these). */
export const PATHS = {
  login: '/cgi-bin/xorg/crm.pl',
  systemCheck: '/cgi-bin/xorg/systemcheck.pl',
  ws: '/ws',
  ping: '/api/ping',
  download: '/download',
  upload: '/upload',
} as const;

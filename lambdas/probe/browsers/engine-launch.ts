/** What one engine launch needs. */
export interface EngineLaunch {
  readonly marker: string;
  readonly timeoutMs: number;
  /** Where CHROMIUM_PATH / FIREFOX_PATH are looked up (the browser itself gets this process's environment). */
  readonly env: NodeJS.ProcessEnv;
  /** Firefox only: preferences over the probe profile's. */
  readonly firefoxPrefs: Readonly<Record<string, boolean | number | string>>;
  /** Told the executable as soon as it is known, so a failure message can name it. */
  readonly onExecutable: (path: string) => void;
}

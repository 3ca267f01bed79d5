/** The part of madge's API (it ships no types) the cycle test uses. https://github.com/pahen/madge#api */
declare module 'madge' {
  interface MadgeConfig {
    readonly baseDir?: string;
    readonly fileExtensions?: readonly string[];
    readonly tsConfig?: string;
    readonly detectiveOptions?: Record<string, Record<string, unknown>>;
  }
  interface MadgeInstance {
    obj(): Record<string, string[]>;
    circular(): string[][];
    warnings(): { skipped: string[] };
  }
  export default function madge(paths: string | readonly string[], config?: MadgeConfig): Promise<MadgeInstance>;
}

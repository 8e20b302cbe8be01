/** Types of scripts/build-web.mjs (for the browser tests, test/web). */
import type { LaunchOptions, Page } from 'playwright-core';

export declare const ROOT: string;
export declare const DEFAULT_OUTDIR: string;
export declare const SCREENSHOT: string;
export declare const CHROMIUM: string;
export declare function chromiumLaunchOptions(): LaunchOptions;
export declare function buildWebFiles(options?: { entry?: string }): Promise<{ files: Record<'index.html' | 'app.js' | 'app.css', string>; inputs: string[] }>;
export declare function buildWeb(outdir?: string): Promise<string[]>;
export declare function staleFiles(dir?: string): Promise<string[]>;
export declare function showExamples(page: Page): Promise<void>;
export declare function screenshot(dir?: string, out?: string): Promise<string>;
